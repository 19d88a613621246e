package io.paygate.gateway.decode;

import io.paygate.gateway.respond.ApiError;

/** Field checks shared by the decoders. Each failure names the field in the client's message. */
final class Fields {
    private Fields() {
    }

    static ApiError.RejectedRequest missing(String field) {
        return ApiError.paramError("缺少参数 " + field + " (" + field + " is required)").reject();
    }

    static ApiError.RejectedRequest invalid(String field, String why) {
        return ApiError.paramError("参数 " + field + " 无效 (" + field + " " + why + ")").reject();
    }

    /** A required text field: present, within length, printable. */
    static String required(String field, String value, int maxChars) {
        if (value == null || value.isEmpty()) {
            throw missing(field);
        }
        return text(field, value, maxChars);
    }

    /** An optional text field: null stays null; otherwise within length and printable. */
    static String optional(String field, String value, int maxChars) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            throw invalid(field, "must not be empty");
        }
        return text(field, value, maxChars);
    }

    private static String text(String field, String value, int maxChars) {
        if (value.codePointCount(0, value.length()) > maxChars) {
            throw invalid(field, "is longer than " + maxChars + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                throw invalid(field, "contains a control character");
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw invalid(field, "contains an unpaired surrogate");
                }
                i++;
            }
        }
        return value;
    }

    /** A value made only of {@code [0-9A-Za-z]} and the given extra characters, length in range. */
    static String token(String field, String value, int minChars, int maxChars, String extra) {
        if (value == null || value.isEmpty()) {
            throw missing(field);
        }
        if (value.length() < minChars || value.length() > maxChars) {
            throw invalid(field, "must be " + minChars + "-" + maxChars + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || extra.indexOf(c) >= 0;
            if (!ok) {
                throw invalid(field, "may contain only letters, digits and " + (extra.isEmpty() ? "nothing else" : extra));
            }
        }
        return value;
    }

    /** Digits only, length in range. */
    static String digits(String field, String value, int minChars, int maxChars) {
        if (value == null || value.isEmpty()) {
            throw missing(field);
        }
        if (value.length() < minChars || value.length() > maxChars) {
            throw invalid(field, "must be " + minChars + "-" + maxChars + " digits");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(field, "must be digits only");
            }
        }
        return value;
    }
}
