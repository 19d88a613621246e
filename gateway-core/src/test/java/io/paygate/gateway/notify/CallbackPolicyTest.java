package io.paygate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF rules for notify_url, unit by unit: which URLs production mode refuses before any DNS
 * (scheme, user info, port, internal IP literals in every spelling a resolver accepts), which
 * addresses it refuses after resolution (IPv4 and IPv6 internal, special-purpose and embedded-IPv4
 * forms), what stays allowed (public addresses and names), and that sandbox mode allows it all.
 */
class CallbackPolicyTest {

    static final CallbackPolicy PRODUCTION = new CallbackPolicy(false, Set.of(443, 8443));
    static final CallbackPolicy SANDBOX = new CallbackPolicy(true, Set.of(443, 8443));

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: no lookup
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // not https
        "http://merchant.example/notify", "ftp://merchant.example/notify", "merchant.example/notify", "//merchant.example/n",
        "javascript:alert(1)", "file:///etc/passwd", "gopher://merchant.example:443/_x",
        // user info, a port not on the list, no host, not a URL
        "https://user:pw@merchant.example/notify", "https://merchant.example@127.0.0.1/notify",
        "https://merchant.example:443@127.0.0.1/notify", "https://merchant.example:8080/notify",
        "https://merchant.example:80/notify", "https://merchant.example:0/notify", "https:///notify", "https://",
        "https://merchant.example\\@127.0.0.1/", "https://exa mple.com/", "",
        // loopback in every spelling
        "https://127.0.0.1/n", "https://127.0.0.1:8443/n", "https://127.0.0.1./n", "https://127.255.255.254/n",
        "https://2130706433/n", "https://0x7f000001/n", "https://0X7F000001/n", "https://0177.0.0.1/n",
        "https://017700000001/n", "https://0x7f.0.0.1/n", "https://0x7f.1/n", "https://127.1/n", "https://127.0.1/n",
        "https://[::1]/n", "https://[0:0:0:0:0:0:0:1]/n", "https://[::ffff:127.0.0.1]/n", "https://[::ffff:7f00:1]/n",
        "https://[::127.0.0.1]/n",
        // private, link-local and metadata, CGNAT, this-network, unspecified
        "https://10.0.0.1/n", "https://10.255.255.255/n", "https://012.1.2.3/n", "https://167772161/n",
        "https://172.16.0.1/n", "https://172.31.255.255/n", "https://192.168.0.1/n", "https://192.168.1.1:8443/n",
        "https://169.254.169.254/latest/meta-data/", "https://169.254.0.1/n", "https://0xa9fea9fe/n",
        "https://100.64.0.1/n", "https://100.100.100.200/n", "https://100.127.255.255/n",
        "https://0.0.0.0/n", "https://0/n", "https://0.1.2.3/n", "https://[::]/n",
        // IPv6 private, link-local, site-local, multicast; IPv4 embedded in IPv6
        "https://[fd00::1]/n", "https://[fc00::1]/n", "https://[fe80::1]/n", "https://[febf::1]/n", "https://[fec0::1]/n",
        "https://[ff02::1]/n", "https://[::ffff:10.0.0.1]/n", "https://[::ffff:169.254.169.254]/n",
        "https://[2002:7f00:1::]/n", "https://[2002:a9fe:a9fe::1]/n", "https://[64:ff9b::7f00:1]/n",
        "https://[64:ff9b::192.168.0.1]/n", "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/n",
        // documentation, benchmarking, protocol assignments, multicast, reserved, broadcast
        "https://192.0.0.1/n", "https://192.0.2.1/n", "https://198.18.0.1/n", "https://198.19.255.255/n",
        "https://198.51.100.1/n", "https://203.0.113.1/n", "https://[2001:db8::1]/n", "https://224.0.0.1/n",
        "https://239.255.255.250/n", "https://240.0.0.1/n", "https://255.255.255.255/n"})
    void productionRefusesTheUrlBeforeAnyLookup(String url) {
        assertThatThrownBy(() -> PRODUCTION.target(url)).isInstanceOf(CallbackPolicy.Refused.class)
                .hasMessageContaining("notify_url");
    }

    @ParameterizedTest
    @CsvSource({
        "https://merchant.example/notify,          merchant.example, 443,  /notify",
        "https://merchant.example:8443/a/b?x=1&y=2, merchant.example, 8443, /a/b?x=1&y=2",
        "HTTPS://Merchant.Example/notify,          Merchant.Example, 443,  /notify",
        "https://merchant.example,                 merchant.example, 443,  /",
        "https://localhost/notify,                 localhost,        443,  /notify",
        "https://127.0.0.1.nip.io/notify,          127.0.0.1.nip.io, 443,  /notify"})
    void productionAcceptsTheFormOfANameAndLeavesTheAddressToTheResolver(String url, String host, int port, String path)
            throws Exception {
        CallbackPolicy.Target t = PRODUCTION.target(url);
        assertThat(t.https()).isTrue();
        assertThat(t.host()).isEqualTo(host);
        assertThat(t.port()).isEqualTo(port);
        assertThat(t.pathAndQuery()).isEqualTo(path);
        assertThat(t.literal()).as("a name: checked after resolution, at creation and at every delivery").isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "https://93.184.216.34/n,             93.184.216.34",
        "https://8.8.8.8:8443/n,              8.8.8.8",
        "https://134744072/n,                 8.8.8.8",
        "https://0x08080808/n,                8.8.8.8",
        "https://[2606:4700:4700::1111]/n,    2606:4700:4700::1111",
        "https://[::ffff:8.8.8.8]/n,          8.8.8.8",
        "https://[2002:808:808::1]/n,         2002:808:808::1",
        "https://[64:ff9b::808:808]/n,        64:ff9b::808:808"})
    void productionAcceptsPublicAddressLiteralsInAnySpelling(String url, String address) throws Exception {
        CallbackPolicy.Target t = PRODUCTION.target(url);
        assertThat(t.literal()).isEqualTo(ip(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.255.255.255", "10.0.0.0", "10.255.255.255", "172.16.0.0", "172.31.255.255", "192.168.0.0",
        "192.168.255.255", "169.254.0.0", "169.254.169.254", "100.64.0.0", "100.127.255.255", "0.0.0.0", "0.255.255.255",
        "192.0.0.8", "192.0.2.255", "198.18.0.0", "198.19.255.255", "198.51.100.7", "203.0.113.200", "224.0.0.251",
        "239.1.2.3", "240.0.0.0", "255.255.255.255",
        "::1", "::", "fe80::1", "fe80::1234:5678", "fc00::1", "fd12:3456:789a::1", "fec0::1", "ff02::1", "ff05::2",
        "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::127.0.0.1", "::10.0.0.1",
        "2002:7f00:1::", "2002:7f00:1::1", "2002:a00:1::", "2002:c0a8:101::", "2002:a9fe:a9fe::",
        "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::6440:1",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::1", "2001:db8::1", "2001:db8:ffff::1"})
    void productionRefusesInternalAndSpecialAddressesAfterResolution(String address) throws Exception {
        assertThatThrownBy(() -> PRODUCTION.check(ip(address))).isInstanceOf(CallbackPolicy.Refused.class)
                .hasMessageContaining("notify_url");
        assertThat(CallbackPolicy.forbidden(ip(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
        "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0",
        "192.0.1.1", "192.0.3.1", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "198.51.99.1",
        "203.0.112.1", "223.255.255.255",
        "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2001:4860:4860::8888", "2002:808:808::",
        "64:ff9b::808:808", "::ffff:8.8.8.8", "2001:db9::1"})
    void productionAllowsPublicAddresses(String address) throws Exception {
        assertThatCode(() -> PRODUCTION.check(ip(address))).doesNotThrowAnyException();
        assertThat(CallbackPolicy.forbidden(ip(address))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 2130706433", "2130706433, 2130706433", "0x7f000001, 2130706433", "0177.0.0.1, 2130706433",
        "017700000001, 2130706433", "0x7f.1, 2130706433", "127.1, 2130706433", "127.0.1, 2130706433",
        "0x7f.0.0.1, 2130706433", "127.0.0.1., 2130706433", "0, 0", "0x0, 0", "0x, 0", "1.256, 16777472",
        "255.255.255.255, 4294967295", "4294967295, 4294967295",
        "256.0.0.1, -1", "1.2.3.4.5, -1", "4294967296, -1", "1.16777216, -1", "08.0.0.1, -1", "0x7g.0.0.1, -1",
        "merchant.example, -1", "1..2, -1", "'', -1", "., -1", "-1.2.3.4, -1", "+1.2.3.4, -1"})
    void ipv4NumbersAreReadLikeInetAton(String host, long expected) {
        assertThat(CallbackPolicy.ipv4Number(host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:18080/notify", "http://localhost:1/n", "https://10.0.0.1/n",
        "http://[::1]:8080/n", "https://169.254.169.254/latest", "http://merchant.example:8080/n"})
    void sandboxAllowsHttpLoopbackAndAnyPort(String url) throws Exception {
        CallbackPolicy.Target t = SANDBOX.target(url);
        assertThat(t.pathAndQuery()).startsWith("/");
        if (t.literal() != null) {
            assertThatCode(() -> SANDBOX.check(t.literal())).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/n", "https://user@127.0.0.1/n", "http:///n"})
    void sandboxStillRefusesWhatIsNotAnHttpUrl(String url) {
        assertThatThrownBy(() -> SANDBOX.target(url)).isInstanceOf(CallbackPolicy.Refused.class);
    }

    @Test
    void targetKeepsTheBracketlessIpv6HostAndTheLiteral() throws Exception {
        CallbackPolicy.Target t = PRODUCTION.target("https://[2606:4700:4700::1111]:8443/n?a=b");
        assertThat(t.host()).isEqualTo("2606:4700:4700::1111");
        assertThat(t.port()).isEqualTo(8443);
        assertThat(t.pathAndQuery()).isEqualTo("/n?a=b");
        assertThat(t.literal()).isEqualTo(ip("2606:4700:4700::1111"));
    }

    @Test
    void productionRefusesTheOtherIpv6TranslationAndSpecialPurposeRanges() throws Exception {
        for (String address : new String[] {"64:ff9b:1::7f00:1", "64:ff9b:1:0:0:0:a9fe:a9fe", "::ffff:0:7f00:1",
                "::ffff:0:a00:1", "100::1"}) {
            assertThat(CallbackPolicy.forbidden(ip(address))).as(address).isTrue();
        }
    }
}
