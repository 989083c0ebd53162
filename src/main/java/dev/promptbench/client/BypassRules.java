package dev.promptbench.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts that skip the proxy: loopback always (the simulator, local model servers), plus the
 * {@code no_proxy} entries read as curl reads them: {@code *} for every host; {@code example.com},
 * {@code .example.com} and {@code *.example.com} for the domain and everything under it; IP addresses
 * and CIDR ranges ({@code 10.0.0.0/8}) for IP literals; each optionally with {@code :port}. Host names
 * are compared as text: nothing is resolved (a DNS lookup per request would cost, and could leak names).
 */
final class BypassRules {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final boolean everything;
    private final List<Rule> rules;

    private BypassRules(boolean everything, List<Rule> rules) {
        this.everything = everything;
        this.rules = List.copyOf(rules);
    }

    /**
     * @param entries the {@code no_proxy} entries
     * @param source  where they came from, for the message of a bad entry
     * @throws IllegalArgumentException for an address range that is not one
     */
    static BypassRules parse(List<String> entries, String source) {
        boolean everything = false;
        List<Rule> rules = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.equals("*")) {
                everything = true;
            } else if (!entry.isEmpty()) {
                rules.add(rule(entry, source));
            }
        }
        return new BypassRules(everything, rules);
    }

    /** Whether a request to {@code host:port} goes direct. */
    boolean bypass(String host, int port) {
        String name = normalise(host);
        if (everything || isLoopback(name)) {
            return true;
        }
        byte[] address = literal(name);
        for (Rule rule : rules) {
            if (rule.matches(name, address, port)) {
                return true;
            }
        }
        return false;
    }

    /** {@code localhost}, {@code *.localhost}, 127.0.0.0/8 and ::1, by name or literal; never looked up. */
    static boolean isLoopback(String host) {
        String name = normalise(host);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        byte[] address = literal(name);
        if (address == null) {
            return false;
        }
        try {
            return InetAddress.getByAddress(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String normalise(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The bytes of an IP literal, or null for a host name (which is never resolved here). */
    private static byte[] literal(String text) {
        boolean v6 = text.indexOf(':') >= 0;
        if (!v6 && !IPV4.matcher(text).matches()) {
            return null;
        }
        try {
            // Only literals get here, and the JDK parses a literal without a lookup.
            return InetAddress.getByName(v6 ? "[" + text + "]" : text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Rule rule(String entry, String source) {
        String text = entry;
        int port = -1;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close > 0 && text.length() > close + 2 && text.charAt(close + 1) == ':') {
                port = port(text.substring(close + 2), entry, source);
            }
            text = close > 0 ? text.substring(1, close) : text;
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            // One colon: host:port (a bare IPv6 address has several).
            int colon = text.indexOf(':');
            port = port(text.substring(colon + 1), entry, source);
            text = text.substring(0, colon);
        }
        int slash = text.indexOf('/');
        if (slash >= 0) {
            byte[] network = literal(text.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (network == null || bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("no_proxy entry '" + entry + "' (" + source
                        + ") is not an address range like 10.0.0.0/8");
            }
            return new Rule(null, network, bits, port);
        }
        byte[] address = literal(text);
        if (address != null) {
            return new Rule(null, address, address.length * 8, port);
        }
        if (text.startsWith("*.")) {
            text = text.substring(2);
        } else if (text.startsWith(".")) {
            text = text.substring(1);
        }
        return new Rule(text.endsWith(".") ? text.substring(0, text.length() - 1) : text, null, 0, port);
    }

    private static int port(String text, String entry, String source) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("no_proxy entry '" + entry + "' (" + source + ") has a bad port");
    }

    /** One entry: a domain (with its subdomains) or an address range, on one port or all (-1). */
    private record Rule(String domain, byte[] network, int bits, int port) {
        boolean matches(String host, byte[] address, int requestPort) {
            if (port >= 0 && port != requestPort) {
                return false;
            }
            if (domain != null) {
                return host.equals(domain) || host.endsWith("." + domain);
            }
            return address != null && address.length == network.length && samePrefix(address);
        }

        private boolean samePrefix(byte[] address) {
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
