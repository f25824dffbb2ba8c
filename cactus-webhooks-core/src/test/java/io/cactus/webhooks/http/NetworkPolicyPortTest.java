package io.cactus.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Allow-list entries for one address and port (and path): parsing, {@code checkUrl}, the late port. */
class NetworkPolicyPortTest {

    private static final NetworkPolicy PORT_8080 = NetworkPolicy.builder().allow("127.0.0.1:8080").build();
    private static final NetworkPolicy DEMO_PATH = NetworkPolicy.builder().allow("127.0.0.1:8080/demo/receiver").build();

    private static void allowed(NetworkPolicy policy, String url) {
        assertThatNoException().as(url).isThrownBy(() -> policy.checkUrl(URI.create(url)));
    }

    private static void refused(NetworkPolicy policy, String url, String reason) {
        assertThatThrownBy(() -> policy.checkUrl(URI.create(url))).as(url)
                .isInstanceOf(AddressNotAllowedException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void entriesAreShownInCanonicalFormInTheOrderAdded() {
        NetworkPolicy policy = NetworkPolicy.builder().allow("10.0.0.0/8").allow(" 127.0.0.1:8080 ")
                .allow("[::1]:8443/hook").allow("[::ffff:127.0.0.1]:9000").allow("[0:0:0:0:0:0:0:1]:8443/hook")
                .allow("::1").build();
        assertThat(policy.allowList())
                .containsExactly("10.0.0.0/8", "127.0.0.1:8080", "[::1]:8443/hook", "127.0.0.1:9000", "::1/128");
        assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
        assertThat(policy.toString()).contains("127.0.0.1:8080", "[::1]:8443/hook");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "127.0.0.1:0                 | has an invalid port '0': use 1 to 65535",
        "127.0.0.1:65536             | has an invalid port '65536'",
        "127.0.0.1:http              | has an invalid port 'http'",
        "127.0.0.1:                  | has an invalid port ''",
        "127.0.0.1:-1                | has an invalid port '-1'",
        "localhost:8080              | 'localhost' is not an IPv4 (dotted quad) or IPv6 address (host names are not accepted",
        "127.1:8080                  | '127.1' is not an IPv4",
        "[::1]                       | has no port: write [::1]:<port>, or ::1 (without brackets)",
        "[::1:8080                   | has no closing ']'",
        "[fe80::1%eth0]:80           | 'fe80::1%eth0' is not an IPv4",
        "127.0.0.1:8080hook          | has an invalid port '8080hook'",
        "127.0.0.1:8080/a/../b       | has a path '/a/../b' that is not written as it is sent; write '/b'",
        "127.0.0.1:8080/a b          | has a path '/a b' that is not written as it is sent; write '/a%20b'",
        "127.0.0.1:8080/hook?x=1     | has a query or fragment in its path",
        "127.0.0.1/32:8080           | '127.0.0.1/32' is not an IPv4",
    })
    void badEntriesFailNamingTheEntry(String value, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkPolicy.builder().allow(value))
                .withMessageStartingWith("allow-list entry '" + value + "' ")
                .withMessageContaining(message);
    }

    @Test
    void aBadEntryInAListAddsNone() {
        NetworkPolicy.Builder builder = NetworkPolicy.builder();
        assertThatIllegalArgumentException().isThrownBy(() -> builder.allow(List.of("127.0.0.1:8080", "127.0.0.1:0")))
                .withMessageContaining("'127.0.0.1:0'");
        assertThat(builder.build().allowList()).isEmpty();
    }

    @Test
    void checkUrlAllowsOnlyThePortOfTheEntry() {
        allowed(PORT_8080, "http://127.0.0.1:8080/");
        allowed(PORT_8080, "http://127.0.0.1:8080/actuator/health");
        allowed(PORT_8080, "https://127.0.0.1:8080/hook");
        allowed(PORT_8080, "http://[::ffff:127.0.0.1]:8080/");
        refused(PORT_8080, "http://127.0.0.1:8081/", "127.0.0.1:8081 is not allowed: 127.0.0.1 is loopback, and the"
                + " allow-list permits it only as 127.0.0.1:8080");
        refused(PORT_8080, "http://127.0.0.1/", "127.0.0.1:80 is not allowed");
        refused(PORT_8080, "https://127.0.0.1/", "127.0.0.1:443 is not allowed");
        refused(PORT_8080, "http://[::ffff:127.0.0.1]:5432/", "127.0.0.1:5432 is not allowed");
        refused(PORT_8080, "http://[::1]:8080/", "::1 is loopback; add an allow-list entry (::1/128)");
        refused(PORT_8080, "http://127.0.0.2:8080/", "127.0.0.2 is loopback");
        refused(PORT_8080, "http://169.254.169.254/latest/meta-data/", "a cloud metadata service is never a webhook receiver");
        assertThatNoException().isThrownBy(() -> PORT_8080.checkUrl(URI.create("http://localhost:9999/")));
    }

    @Test
    void theDefaultPortOfTheSchemeIsThePortChecked() {
        NetworkPolicy port80 = NetworkPolicy.builder().allow("127.0.0.1:80").build();
        allowed(port80, "http://127.0.0.1/hook");
        allowed(port80, "http://127.0.0.1:80/hook");
        refused(port80, "https://127.0.0.1/hook", "127.0.0.1:443 is not allowed");
    }

    @Test
    void aPathEntryAllowsExactlyThatPath() {
        allowed(DEMO_PATH, "http://127.0.0.1:8080/demo/receiver");
        allowed(DEMO_PATH, "http://127.0.0.1:8080/demo/receiver?attempt=2");
        allowed(DEMO_PATH, "http://127.0.0.1:8080/demo/./receiver");
        refused(DEMO_PATH, "http://127.0.0.1:8080/actuator/health", "the path is not one allowed on 127.0.0.1:8080"
                + " (127.0.0.1 is loopback; the allow-list permits only 127.0.0.1:8080/demo/receiver)");
        refused(DEMO_PATH, "http://127.0.0.1:8080/demo/receiver/../../actuator/health", "the path is not one allowed");
        refused(DEMO_PATH, "http://127.0.0.1:8080/demo/receiver/", "the path is not one allowed");
        refused(DEMO_PATH, "http://127.0.0.1:8080/", "the path is not one allowed");
        refused(DEMO_PATH, "http://127.0.0.1:8081/demo/receiver", "127.0.0.1:8081 is not allowed");
        assertThatThrownBy(() -> DEMO_PATH.checkUrl(URI.create("http://127.0.0.1:8080/actuator/env?token=s3cr3t")))
                .isInstanceOf(AddressNotAllowedException.class)
                .satisfies(e -> assertThat(((AddressNotAllowedException) e).reason()).doesNotContain("actuator", "s3cr3t"));
    }

    @Test
    void portEntriesDoNotAllowTheAddressOnEveryPort() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(PORT_8080.isAllowed(loopback)).isFalse();
        assertThat(PORT_8080.refusalReason(loopback)).contains(
                "127.0.0.1 is loopback; add an allow-list entry (127.0.0.1/32) to permit it");
        byte[] bytes = loopback.getAddress();
        assertThat(PORT_8080.mayConnect(bytes)).isTrue();
        assertThat(PORT_8080.connectRefusal(bytes, 8080)).isNull();
        assertThat(PORT_8080.connectRefusal(bytes, 8081)).startsWith("127.0.0.1:8081 is not allowed");
        assertThat(PORT_8080.mayConnect(InetAddress.getByName("::1").getAddress())).isFalse();
        assertThat(DEMO_PATH.connectRefusal(bytes, 8080)).isNull();
        assertThat(DEMO_PATH.requestRefusal(bytes, 8080, "/demo/receiver")).isNull();
        assertThat(DEMO_PATH.requestRefusal(bytes, 8080, "/actuator")).startsWith("the path is not one allowed");
        assertThat(DEMO_PATH.requestRefusal(bytes, 8080, null)).startsWith("the path is not one allowed");
    }

    @Test
    void networkEntriesStillAllowEveryPort() {
        NetworkPolicy both = NetworkPolicy.builder().allow("127.0.0.1:8080/demo/receiver").allow("127.0.0.0/8").build();
        allowed(both, "http://127.0.0.1:5432/");
        allowed(both, "http://127.0.0.1:8080/actuator/health");
    }

    @Test
    void aLatePortIsReadAtEveryCheck() throws Exception {
        AtomicInteger port = new AtomicInteger();
        NetworkPolicy policy = NetworkPolicy.builder()
                .allowAddress(InetAddress.getByName("127.0.0.1"), port::get, "/demo/receiver").build();
        assertThat(policy.allowList()).containsExactly("127.0.0.1:(port not known yet)/demo/receiver");
        refused(policy, "http://127.0.0.1:8080/demo/receiver", "127.0.0.1:8080 is not allowed: 127.0.0.1 is loopback,"
                + " and the allow-list permits it only as 127.0.0.1:(port not known yet)/demo/receiver");

        port.set(8080);
        assertThat(policy.allowList()).containsExactly("127.0.0.1:8080/demo/receiver");
        allowed(policy, "http://127.0.0.1:8080/demo/receiver");
        refused(policy, "http://127.0.0.1:8080/actuator/health", "the path is not one allowed on 127.0.0.1:8080");
        refused(policy, "http://127.0.0.1:8081/demo/receiver", "127.0.0.1:8081 is not allowed");

        port.set(70000);
        refused(policy, "http://127.0.0.1:8080/demo/receiver", "(port not known yet)");
        assertThat(policy.toBuilder().build()).isEqualTo(policy);
        assertThat(NetworkPolicy.builder().allowAddress(InetAddress.getByName("127.0.0.1"), port::get, "/demo/receiver")
                .build()).as("another supplier").isNotEqualTo(policy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "/a/../b", "/x?y"})
    void aLatePortEntryNeedsAPathWrittenAsSent(String path) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkPolicy.builder().allowAddress(loopback, () -> 1, path))
                .withMessageStartingWith("allow-list entry '127.0.0.1" + path + "' ");
    }

    @Test
    @SuppressWarnings("NullAway")
    void aLatePortEntryRefusesNulls() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        NetworkPolicy.Builder builder = NetworkPolicy.builder();
        assertThatIllegalArgumentException().isThrownBy(() -> builder.allowAddress(null, () -> 1, "/x"))
                .withMessage("address must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.allowAddress(loopback, null, "/x"))
                .withMessage("port supplier must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.allowAddress(loopback, () -> 1, null))
                .withMessage("path must not be null");
    }
}
