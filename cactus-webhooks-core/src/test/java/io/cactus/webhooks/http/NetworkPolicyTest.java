package io.cactus.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.WebhookException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyTest {

    private final NetworkPolicy defaults = NetworkPolicy.defaults();

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    /** An IPv6 address object even for IPv4-mapped bytes (getByName would turn those into IPv4). */
    private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        return Inet6Address.getByAddress(null, bytes, null);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1        | loopback",
        "127.255.0.9      | loopback",
        "10.0.0.1         | private (RFC 1918)",
        "172.16.0.1       | private (RFC 1918)",
        "172.31.255.255   | private (RFC 1918)",
        "192.168.1.1      | private (RFC 1918)",
        "169.254.1.1      | link-local",
        "100.64.0.1       | shared address space (CGNAT 100.64.0.0/10)",
        "100.100.100.200  | shared address space (CGNAT 100.64.0.0/10)",
        "224.0.0.1        | multicast",
        "239.255.255.250  | multicast",
        "0.0.0.0          | unspecified",
        "0.1.2.3          | in 0.0.0.0/8 (this network)",
        "255.255.255.255  | broadcast",
        "240.0.0.1        | reserved (240.0.0.0/4)",
        "::1              | loopback",
        "::               | unspecified",
        "fc00::1          | private (unique local fc00::/7)",
        "fd12:3456::1     | private (unique local fc00::/7)",
        "fe80::1          | link-local",
        "febf::1          | link-local",
        "fec0::1          | site-local (deprecated private fec0::/10)",
        "ff02::1          | multicast",
        "::127.0.0.1      | an IPv4-compatible form of 127.0.0.1, which is loopback",
        "64:ff9b::a00:1   | a NAT64 form of 10.0.0.1, which is private (RFC 1918)",
        "198.18.0.1       | benchmarking (198.18.0.0/15)",
        "198.19.255.254   | benchmarking (198.18.0.0/15)",
        "192.0.0.8        | IETF protocol assignments (192.0.0.0/24)",
        "192.0.2.1        | documentation (TEST-NET)",
        "198.51.100.7     | documentation (TEST-NET)",
        "203.0.113.200    | documentation (TEST-NET)",
        "2001:db8::1      | documentation (2001:db8::/32)",
        "2001:db8:ffff::9 | documentation (2001:db8::/32)",
        "100::1           | discard-only (100::/64)",
        "::ffff:0:7f00:1  | an IPv4-translated (SIIT) form of 127.0.0.1, which is loopback",
        "::ffff:0:a00:5   | an IPv4-translated (SIIT) form of 10.0.0.5, which is private (RFC 1918)",
        "64:ff9b:1::7f00:1 | a local-use NAT64 form of 127.0.0.1, which is loopback",
        "64:ff9b:1:c0a8:1:100:: | a local-use NAT64 form of 192.168.1.1, which is private (RFC 1918)",
        "2001:0:4136:e378:8000:63bf:f5ff:fffe | a Teredo form of 10.0.0.1, which is private (RFC 1918)",
        "2002:7f00:1::1   | a 6to4 form of 127.0.0.1, which is loopback",
    })
    void refusesEachAddressClassWithAReason(String literal, String what) throws Exception {
        InetAddress address = ip(literal);
        assertThat(defaults.isAllowed(address)).isFalse();
        assertThat(defaults.refusalReason(address)).hasValueSatisfying(reason -> assertThat(reason)
                .contains(" is " + what + "; add an allow-list entry (")
                .endsWith(") to permit it"));
    }

    @ParameterizedTest(name = "{0} is refused without an allow-list hint")
    @CsvSource(delimiter = '|', value = {
        "169.254.169.254    | 169.254.169.254 is link-local/cloud metadata",
        "fd00:ec2::254      | fd00:ec2::254 is unique local/cloud metadata",
        "64:ff9b::a9fe:a9fe | 64:ff9b::a9fe:a9fe is a NAT64 form of 169.254.169.254, which is link-local/cloud metadata",
        "2001:0:4136:e378:8000:63bf:5601:5601 | which is link-local/cloud metadata",
    })
    void theCloudMetadataAddressIsRefusedAndNotSuggestedForTheAllowList(String literal, String reason) throws Exception {
        assertThat(defaults.refusalReason(ip(literal))).hasValueSatisfying(r -> assertThat(r)
                .contains(reason).doesNotContain("allow-list").endsWith("a cloud metadata service is never a webhook receiver"));
    }

    @Test
    void publicNeighboursOfTheNewRangesAreAllowed() throws Exception {
        for (String literal : new String[] {"198.17.255.255", "198.20.0.1", "192.0.1.1", "192.0.3.1", "198.51.101.1",
                "203.0.112.1", "2001:db9::1", "100:0:0:1::1", "64:ff9b:1::808:808", "2001:0:4136:e378:8000:63bf:f7f7:f7f7"}) {
            assertThat(defaults.isAllowed(ip(literal))).as(literal).isTrue();
        }
    }

    @Test
    void reasonNamesTheAddressAndTheEntryThatWouldPermitIt() throws Exception {
        assertThat(defaults.refusalReason(ip("10.0.0.5"))).contains(
                "10.0.0.5 is private (RFC 1918); add an allow-list entry (10.0.0.5/32) to permit it");
        assertThat(defaults.refusalReason(ip("::1"))).contains(
                "::1 is loopback; add an allow-list entry (::1/128) to permit it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
        "100.128.0.1", "169.253.1.1", "192.167.1.1", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450::1",
        "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"})
    void allowsPublicAddresses(String literal) throws Exception {
        assertThat(defaults.isAllowed(ip(literal))).isTrue();
        assertThat(defaults.refusalReason(ip(literal))).isEmpty();
    }

    @Test
    void refusesIpv4MappedIpv6FormsOfRefusedAddresses() throws Exception {
        assertThat(defaults.refusalReason(mapped(127, 0, 0, 1))).hasValueSatisfying(
                r -> assertThat(r).startsWith("127.0.0.1 is loopback"));
        assertThat(defaults.isAllowed(mapped(169, 254, 169, 254))).isFalse();
        assertThat(defaults.isAllowed(mapped(10, 1, 2, 3))).isFalse();
        assertThat(defaults.isAllowed(mapped(192, 168, 0, 1))).isFalse();
        assertThat(defaults.isAllowed(mapped(0, 0, 0, 0))).isFalse();
        assertThat(defaults.isAllowed(mapped(8, 8, 8, 8))).isTrue();
    }

    @Test
    void allowListPermitsOnlyItsNetworks() throws Exception {
        NetworkPolicy policy = NetworkPolicy.builder().allow("127.0.0.1/32").allow("10.1.0.0/16").allow("fd00::/8").build();
        assertThat(policy.isAllowed(ip("127.0.0.1"))).isTrue();
        assertThat(policy.isAllowed(mapped(127, 0, 0, 1))).isTrue();
        assertThat(policy.isAllowed(ip("127.0.0.2"))).isFalse();
        assertThat(policy.isAllowed(ip("10.1.255.255"))).isTrue();
        assertThat(policy.isAllowed(ip("10.2.0.0"))).isFalse();
        assertThat(policy.isAllowed(ip("fd12::1"))).isTrue();
        assertThat(policy.isAllowed(ip("fc00::1"))).isFalse();
        assertThat(policy.isAllowed(ip("::1"))).isFalse();
        assertThat(policy.allowList()).containsExactly("127.0.0.1/32", "10.1.0.0/16", "fd00::/8");
    }

    @Test
    void bareAddressIsASingleHostEntry() throws Exception {
        NetworkPolicy policy = NetworkPolicy.builder().allow("::1").allow("192.168.0.7").build();
        assertThat(policy.allowList()).containsExactly("::1/128", "192.168.0.7/32");
        assertThat(policy.isAllowed(ip("::1"))).isTrue();
        assertThat(policy.isAllowed(ip("192.168.0.8"))).isFalse();
    }

    @Test
    void allowPrivateNetworksAllowsEverything() throws Exception {
        NetworkPolicy open = NetworkPolicy.builder().allowPrivateNetworks(true).build();
        for (String s : new String[] {"127.0.0.1", "::1", "169.254.169.254", "10.0.0.1", "0.0.0.0", "fd00:ec2::254"}) {
            assertThat(open.isAllowed(ip(s))).as(s).isTrue();
        }
        assertThatNoException().isThrownBy(() -> open.checkUrl(URI.create("http://127.0.0.1:8080/hook")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "127.0.0.1/33      | invalid prefix length '33': use 0 to 32",
        "::1/129           | invalid prefix length '129': use 0 to 128",
        "10.0.0.0/         | invalid prefix length '': use 0 to 32",
        "10.0.0.0/x        | invalid prefix length 'x'",
        "10.0.0/8          | is not a CIDR: '10.0.0' is not an IPv4 (dotted quad) or IPv6 address",
        "256.0.0.1/32      | '256.0.0.1' is not an IPv4",
        "010.0.0.1/32      | '010.0.0.1' is not an IPv4",
        "localhost/32      | 'localhost' is not an IPv4",
        "example.com       | 'example.com' is not an IPv4",
        "fe80::1%eth0/128  | is not a CIDR",
        "fd00::zz/8        | 'fd00::zz' is not an IPv4",
        "10.0.0.1/8        | has bits set after the prefix; did you mean 10.0.0.0/8?",
    })
    void badAllowListEntriesFailNamingTheValue(String value, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkPolicy.builder().allow(value))
                .withMessageContaining("'" + value + "'")
                .withMessageContaining(message);
    }

    @Test
    void blankAllowListEntryIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkPolicy.builder().allow(" "))
                .withMessageContaining("must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> NetworkPolicy.builder().allow((String) null));
    }

    @Test
    void checkUrlRefusesLiteralIpHostsThatAreRefused() {
        assertThatThrownBy(() -> defaults.checkUrl(URI.create("http://169.254.169.254/latest/meta-data")))
                .isInstanceOf(AddressNotAllowedException.class)
                .isInstanceOf(WebhookException.class)
                .hasMessage("url http://169.254.169.254/latest/meta-data is not allowed: 169.254.169.254 is"
                        + " link-local/cloud metadata; a cloud metadata service is never a webhook receiver")
                .satisfies(e -> assertThat(((AddressNotAllowedException) e).address()).isEqualTo("169.254.169.254"));
        for (String url : new String[] {"http://127.0.0.1:8080/", "http://[::1]/", "https://10.0.0.1/",
            "http://[::ffff:127.0.0.1]/", "http://[fd00:ec2::254]/", "http://0.0.0.0/", "http://[::]/"}) {
            assertThatThrownBy(() -> defaults.checkUrl(URI.create(url))).as(url)
                    .isInstanceOf(AddressNotAllowedException.class);
        }
    }

    @Test
    void checkUrlRefusesAmbiguousNumericHostsThatSomeParsersReadAsLoopback() {
        // Java (and so OkHttp) reads 2130706433 and 127.1 as 127.0.0.1 without asking DNS.
        for (String url : new String[] {"http://2130706433/", "http://0177.0.0.1/"}) {
            assertThatThrownBy(() -> defaults.checkUrl(URI.create(url))).as(url)
                    .isInstanceOf(AddressNotAllowedException.class)
                    .hasMessageContaining("is not an unambiguous IP address");
        }
        // java.net.URI finds no host in 127.1 (its last label starts with a digit): refused too.
        assertThatThrownBy(() -> defaults.checkUrl(URI.create("http://127.1/")))
                .isInstanceOf(UrlNotAllowedException.class);
    }

    @Test
    void checkUrlLeavesHostNamesToTheDnsCheckAndAllowsPublicLiterals() {
        assertThatNoException().isThrownBy(() -> defaults.checkUrl(URI.create("http://localhost:8080/")));
        assertThatNoException().isThrownBy(() -> defaults.checkUrl(URI.create("https://example.com/hook")));
        assertThatNoException().isThrownBy(() -> defaults.checkUrl(URI.create("http://93.184.216.34/hook")));
        assertThatNoException().isThrownBy(() -> defaults.checkUrl(URI.create("http://[2606:4700::1]/hook")));
    }

    @Test
    void allowListEntryPermitsTheLiteralUrl() {
        NetworkPolicy policy = NetworkPolicy.builder().allow("127.0.0.1/32").build();
        assertThatNoException().isThrownBy(() -> policy.checkUrl(URI.create("http://127.0.0.1:8080/")));
        assertThatNoException().isThrownBy(() -> policy.checkUrl(URI.create("http://[::ffff:127.0.0.1]:8080/")));
        assertThatThrownBy(() -> policy.checkUrl(URI.create("http://[::1]:8080/")))
                .isInstanceOf(AddressNotAllowedException.class);
    }

    @Test
    void httpsOnlyRefusesPlainHttp() {
        NetworkPolicy policy = NetworkPolicy.builder().httpsOnly(true).allowPrivateNetworks(true).build();
        assertThatThrownBy(() -> policy.checkUrl(URI.create("http://example.com/hook")))
                .isInstanceOf(UrlNotAllowedException.class)
                .isNotInstanceOf(AddressNotAllowedException.class)
                .hasMessageContaining("https-only");
        assertThatNoException().isThrownBy(() -> policy.checkUrl(URI.create("https://example.com/hook")));
        assertThatNoException().isThrownBy(() -> defaults.checkUrl(URI.create("http://example.com/hook")));
    }

    @Test
    void checkUrlRefusesOtherSchemesAndMissingHosts() {
        assertThatThrownBy(() -> defaults.checkUrl(URI.create("ftp://example.com/x")))
                .isInstanceOf(UrlNotAllowedException.class).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> defaults.checkUrl(URI.create("http:///x")))
                .isInstanceOf(UrlNotAllowedException.class).hasMessageContaining("no host");
    }

    @Test
    void isImmutableAndDerivable() {
        NetworkPolicy base = NetworkPolicy.builder().allow("10.0.0.0/8").build();
        NetworkPolicy derived = base.toBuilder().httpsOnly(true).build();
        assertThat(base.httpsOnly()).isFalse();
        assertThat(derived.httpsOnly()).isTrue();
        assertThat(derived.allowList()).containsExactly("10.0.0.0/8");
        assertThat(base.toBuilder().build()).isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(NetworkPolicy.defaults().allowPrivateNetworks()).isFalse();
        assertThat(NetworkPolicy.defaults().httpsOnly()).isFalse();
    }
}
