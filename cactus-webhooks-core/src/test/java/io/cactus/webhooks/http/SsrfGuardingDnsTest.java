package io.cactus.webhooks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;

class SsrfGuardingDnsTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Dns fake(Map<String, List<String>> records) {
        return host -> {
            List<String> r = records.get(host);
            if (r == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> out = new ArrayList<>();
            r.forEach(s -> out.add(ip(s)));
            return out;
        };
    }

    @Test
    void keepsPublicAddresses() throws Exception {
        Dns dns = new SsrfGuardingDns(NetworkPolicy.defaults(), fake(Map.of("hooks.example", List.of("93.184.216.34"))));
        assertThat(dns.lookup("hooks.example")).containsExactly(ip("93.184.216.34"));
    }

    @Test
    void dropsRefusedAddressesWhenAllowedOnesRemain() throws Exception {
        Dns dns = new SsrfGuardingDns(NetworkPolicy.defaults(),
                fake(Map.of("mixed.example", List.of("127.0.0.1", "93.184.216.34", "10.0.0.1", "2606:4700::1"))));
        assertThat(dns.lookup("mixed.example")).containsExactly(ip("93.184.216.34"), ip("2606:4700::1"));
    }

    @Test
    void hostResolvingOnlyToRefusedAddressesFailsWithTheReasons() {
        Dns dns = new SsrfGuardingDns(NetworkPolicy.defaults(),
                fake(Map.of("rebind.example", List.of("169.254.169.254", "::1"))));
        assertThatThrownBy(() -> dns.lookup("rebind.example"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessage("rebind.example resolved only to refused addresses: 169.254.169.254 is"
                        + " link-local/cloud metadata, ::1 is loopback; a cloud metadata service is never a webhook"
                        + " receiver");
    }

    @Test
    void checksEveryLookupSoALaterRebindIsCaught() throws Exception {
        List<String> answer = new ArrayList<>(List.of("93.184.216.34"));
        Dns rebinding = host -> List.of(ip(answer.get(0)));
        Dns dns = new SsrfGuardingDns(NetworkPolicy.defaults(), rebinding);
        assertThat(dns.lookup("evil.example")).hasSize(1);
        answer.set(0, "127.0.0.1");
        assertThatThrownBy(() -> dns.lookup("evil.example")).hasMessageContaining("127.0.0.1 is loopback");
    }

    @Test
    void allowListAndSwitchPermitRefusedAddresses() throws Exception {
        Dns records = fake(Map.of("local.test", List.of("127.0.0.1", "::1")));
        assertThat(new SsrfGuardingDns(NetworkPolicy.builder().allow("127.0.0.1/32").build(), records)
                .lookup("local.test")).containsExactly(ip("127.0.0.1"));
        assertThat(new SsrfGuardingDns(NetworkPolicy.builder().allowPrivateNetworks(true).build(), records)
                .lookup("local.test")).containsExactly(ip("127.0.0.1"), ip("::1"));
    }

    @Test
    void delegateFailuresPassThrough() {
        Dns dns = new SsrfGuardingDns(NetworkPolicy.defaults(), fake(Map.of()));
        assertThatThrownBy(() -> dns.lookup("nowhere.invalid"))
                .isExactlyInstanceOf(UnknownHostException.class).hasMessage("nowhere.invalid");
    }
}
