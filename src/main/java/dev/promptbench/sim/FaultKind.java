package dev.promptbench.sim;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A failure the simulator can give instead of a normal answer, to rehearse a client's recovery. */
public enum FaultKind {
    /** 500 with OpenAI's {@code server_error} body. */
    SERVER_ERROR("500"),
    /** 503 with a Retry-After of one second, as an overloaded service answers. */
    UNAVAILABLE("503"),
    /**
     * Headers with a Content-Length, half the body, then the connection closes: a reset mid-body. A
     * stream sends about half its events, then the connection closes without {@code [DONE]}.
     */
    RESET("reset"),
    /** 200 whose body is cut short, so it is not valid JSON; in a stream, one event is cut short. */
    MALFORMED("malformed"),
    /**
     * A valid 200 whose headers come late: twice the planned latency plus half a second; a stream's
     * events follow the late headers at their usual pace.
     */
    SLOW_HEADERS("slow-headers");

    private final String wireName;

    FaultKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the command line: {@code 500}, {@code 503}, {@code reset}, {@code malformed}, {@code slow-headers}. */
    public String wireName() {
        return wireName;
    }

    /** Every kind. */
    public static Set<FaultKind> all() {
        return EnumSet.allOf(FaultKind.class);
    }

    /**
     * The kind with this command-line name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted names, for an unknown one
     */
    public static FaultKind parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (FaultKind kind : values()) {
            if (kind.wireName.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault kind '" + name.trim()
                + "'; expected 500, 503, reset, malformed or slow-headers");
    }

    /** The kinds named in a comma-separated list, e.g. {@code 500,reset}. */
    public static Set<FaultKind> parseList(String list) {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                kinds.add(parse(name));
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no fault kind given; expected some of 500, 503, reset, "
                    + "malformed, slow-headers");
        }
        return kinds;
    }
}
