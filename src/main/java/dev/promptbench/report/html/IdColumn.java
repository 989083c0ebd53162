package dev.promptbench.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompt ids without a String per request: most ids are a shared prefix and a number
 * ({@code line-17}), so each is kept as a prefix code and a long, and only ids that fit no pattern
 * (past a bounded dictionary of prefixes) are kept as strings.
 */
final class IdColumn {
    /** Past this many distinct prefixes ids are kept whole: the dictionary must stay small. */
    private static final int MAX_PREFIXES = 4096;
    /** JavaScript reads the numbers back as doubles: keep them exact there. */
    private static final int MAX_DIGITS = 15;

    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> literals = new ArrayList<>();
    /** Prefix code, or {@code -1 - literal index} for an id kept whole. */
    private int[] prefix = new int[64];
    /** The numeric suffix, or -1 when the id has none. */
    private long[] number = new long[64];
    private int size;

    void add(String id) {
        String value = id == null ? "" : id;
        if (size == prefix.length) {
            prefix = Arrays.copyOf(prefix, size * 2);
            number = Arrays.copyOf(number, size * 2);
        }
        int digits = value.length();
        while (digits > 0 && Character.isDigit(value.charAt(digits - 1)) && value.charAt(digits - 1) < 128) digits--;
        // Leading zeros stay in the prefix so that prefix + Long.toString(number) gives the id back.
        while (digits < value.length() - 1 && value.charAt(digits) == '0') digits++;
        long suffix = -1;
        String head = value;
        if (digits < value.length() && value.length() - digits <= MAX_DIGITS) {
            suffix = Long.parseLong(value.substring(digits));
            head = value.substring(0, digits);
        }
        Integer code = codes.get(head);
        if (code == null && prefixes.size() < MAX_PREFIXES) {
            code = prefixes.size();
            prefixes.add(head);
            codes.put(head, code);
        }
        if (code == null) {
            prefix[size] = -1 - literals.size();
            number[size] = -1;
            literals.add(value);
        } else {
            prefix[size] = code;
            number[size] = suffix;
        }
        size++;
    }

    String get(int row) {
        int code = prefix[row];
        if (code < 0) return literals.get(-1 - code);
        return number[row] < 0 ? prefixes.get(code) : prefixes.get(code) + number[row];
    }

    int prefixCode(int row) {
        return prefix[row];
    }

    long number(int row) {
        return number[row];
    }

    List<String> prefixes() {
        return prefixes;
    }
}
