package io.paygate.gateway.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where Paygate may send a merchant callback (SSRF defence). In sandbox mode: any http or https URL.
 * In production: https only, an allowed port, and never an address that reaches inside — loopback,
 * private, link-local (cloud metadata included), CGNAT, unspecified, multicast, reserved or
 * documentation ranges, in any spelling: dotted, decimal, octal or hex IPv4, IPv6, IPv4-mapped,
 * -compatible, NAT64 or 6to4 IPv6. Names are checked after resolution, at order creation and again
 * at every delivery (so DNS rebinding cannot slip through); the delivery connects to the very
 * address that was checked. Redirects are never followed.
 */
public final class CallbackPolicy {

    /** A callback URL taken apart; {@code literal} is set when the host is an IP address. */
    public record Target(String scheme, String host, int port, String pathAndQuery, InetAddress literal) {
        public boolean https() {
            return scheme.equals("https");
        }
    }

    /** A refused URL or address; the message is safe to show the merchant. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean sandbox;
    private final Set<Integer> allowedPorts;

    public CallbackPolicy(boolean sandbox, Set<Integer> allowedPorts) {
        this.sandbox = sandbox;
        this.allowedPorts = Set.copyOf(allowedPorts);
    }

    public boolean sandbox() {
        return sandbox;
    }

    /** Checks a URL's form (and its address, when the host is a literal). */
    public Target target(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("notify_url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(sandbox && scheme.equals("http"))) {
            throw new Refused(sandbox ? "notify_url must be an http or https URL" : "notify_url must be an https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("notify_url must not carry user info");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused("notify_url must name a host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (!sandbox && !allowedPorts.contains(port)) {
            throw new Refused("notify_url port " + port + " is not allowed (allowed: " + allowedPorts + ")");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        InetAddress literal = literal(host);
        if (literal != null) {
            check(literal);
        }
        return new Target(scheme, host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port, path, literal);
    }

    /** Refuses an address callbacks must not reach (never in sandbox mode). */
    public void check(InetAddress address) throws Refused {
        if (!sandbox && forbidden(address)) {
            throw new Refused("notify_url resolves to an address that is not reachable from the public internet");
        }
    }

    /**
     * The host as an IP address when it is written as one, in any form a resolver would accept:
     * dotted quad, fewer parts, decimal, octal (leading 0) or hex (0x) IPv4, or a bracketed IPv6
     * literal. Null for a name.
     */
    static InetAddress literal(String host) {
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                return InetAddress.getByName(host.substring(1, host.length() - 1)); // no lookup for a literal
            }
            if (host.indexOf(':') >= 0) {
                return InetAddress.getByName(host);
            }
            long v = ipv4Number(host);
            if (v < 0) {
                return null;
            }
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** inet_aton: 1-4 parts of decimal, octal or hex; the last part fills the remaining bytes. -1 if not a number. */
    static long ipv4Number(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (parts.length == 0 || parts.length > 4) {
            return -1;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i]);
            if (values[i] < 0) {
                return -1;
            }
        }
        long result = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xFF) {
                return -1;
            }
            result |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        long lastMax = (1L << (8 * (5 - parts.length))) - 1;
        if (last > lastMax) {
            return -1;
        }
        return result | last;
    }

    private static long number(String p) {
        if (p.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = p;
        if (p.length() > 1 && (p.startsWith("0x") || p.startsWith("0X"))) {
            radix = 16;
            digits = p.substring(2);
        } else if (p.length() > 1 && p.charAt(0) == '0') {
            radix = 8;
            digits = p.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12) {
            return digits.isEmpty() && radix == 16 ? 0 : -1;
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
        }
        return v;
    }

    /** Whether an address is one a public callback must never reach. */
    static boolean forbidden(InetAddress a) {
        if (a instanceof Inet4Address) {
            return forbidden4(a.getAddress());
        }
        byte[] b = a.getAddress();
        Inet6Address v6 = (Inet6Address) a;
        if (v6.isLoopbackAddress() || v6.isAnyLocalAddress() || v6.isLinkLocalAddress() || v6.isSiteLocalAddress()
                || v6.isMulticastAddress() || (b[0] & 0xFE) == 0xFC) {
            return true;
        }
        if (v6.isIPv4CompatibleAddress() || isPrefix(b, new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF})) {
            return forbidden4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (isPrefix(b, new int[] {0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0})) { // NAT64 64:ff9b::/96
            return forbidden4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (isPrefix(b, new int[] {0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01})) { // local-use NAT64 64:ff9b:1::/48
            return true;
        }
        if (isPrefix(b, new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0})) { // IPv4-translated ::ffff:0:0/96
            return forbidden4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (isPrefix(b, new int[] {0x01, 0x00, 0, 0, 0, 0, 0, 0})) { // discard-only 100::/64
            return true;
        }
        if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) { // 6to4 2002:V4ADDR::/48
            return forbidden4(new byte[] {b[2], b[3], b[4], b[5]});
        }
        if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x01 && b[2] == 0 && b[3] == 0) { // Teredo 2001::/32
            return true;
        }
        return (b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8;
    }

    private static boolean isPrefix(byte[] b, int[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean forbidden4(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        return a0 == 0                                  // 0.0.0.0/8 "this network"
                || a0 == 10                             // private
                || a0 == 127                            // loopback
                || (a0 == 100 && (a1 & 0xC0) == 64)     // 100.64.0.0/10 CGNAT (Alibaba metadata 100.100.100.200)
                || (a0 == 169 && a1 == 254)             // link-local, cloud metadata 169.254.169.254
                || (a0 == 172 && (a1 & 0xF0) == 16)     // private
                || (a0 == 192 && a1 == 168)             // private
                || (a0 == 192 && a1 == 0 && a2 == 0)    // IETF protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2)    // TEST-NET-1
                || (a0 == 198 && (a1 & 0xFE) == 18)    // benchmarking 198.18.0.0/15
                || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113)  // TEST-NET-3
                || a0 >= 224;                           // multicast, reserved, broadcast
    }
}
