package org.hotline.cti.asterisk.agi;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply from Asterisk to an AGI command: the status code of its first line ({@code 200}, {@code 510} unknown
 * command, {@code 511} dead channel, {@code 520} usage error) and, for {@code 200}, the {@code result=} value, the
 * text in parentheses and any {@code key=value} attributes such as {@code endpos}.
 *
 * @param status    the three-digit status code
 * @param firstLine the status line as received
 * @param lines     every line of the reply (more than one only for the multi-line {@code 520-} usage form)
 */
record AgiResponse(int status, String firstLine, List<String> lines) {
    static final int SUCCESS = 200;
    static final int INVALID_OR_UNKNOWN_COMMAND = 510;
    static final int DEAD_CHANNEL = 511;
    static final int INVALID_COMMAND_SYNTAX = 520;

    private static final Pattern STATUS = Pattern.compile("^(\\d{3})(?:[ -].*)?$");
    private static final Pattern RESULT = Pattern.compile("^200 result=(\\S*)");
    private static final Pattern EXTRA = Pattern.compile("^200 result=\\S*\\s+\\((.*)\\)");
    private static final Pattern ATTRIBUTE = Pattern.compile("(?:^|\\s)([A-Za-z_]+)=(\\S*)");

    AgiResponse {
        lines = List.copyOf(lines);
    }

    /**
     * Parses a status line.
     *
     * @throws AgiProtocolException when the line does not start with a three-digit status code
     */
    static AgiResponse parse(String firstLine, List<String> lines, String command) {
        Matcher m = STATUS.matcher(firstLine);
        if (!m.matches()) {
            throw new AgiProtocolException("malformed reply from Asterisk to '" + command + "': '"
                    + AgiProtocolException.excerpt(firstLine) + "'");
        }
        return new AgiResponse(Integer.parseInt(m.group(1)), firstLine, lines);
    }

    /** The {@code result=} value of a 200 reply ("" when empty, e.g. GET DATA's {@code result= (timeout)}). */
    String result() {
        Matcher m = RESULT.matcher(firstLine);
        return m.find() ? m.group(1) : "";
    }

    /**
     * The {@code result=} value as a number.
     *
     * @throws AgiProtocolException when it is not one
     */
    int resultCode(String command) {
        String result = result();
        try {
            return Integer.parseInt(result);
        } catch (NumberFormatException e) {
            throw new AgiProtocolException("malformed reply from Asterisk to '" + command + "': '"
                    + AgiProtocolException.excerpt(firstLine) + "' has no numeric result");
        }
    }

    /** The text in parentheses after the result ({@code 200 result=1 (value)}), or null. */
    String extra() {
        Matcher m = EXTRA.matcher(firstLine);
        return m.find() ? m.group(1) : null;
    }

    /** A {@code key=value} attribute after the result, e.g. {@code endpos}; null when absent. */
    String attribute(String name) {
        int afterResult = firstLine.indexOf("result=");
        if (afterResult < 0) {
            return null;
        }
        Matcher m = ATTRIBUTE.matcher(firstLine.substring(afterResult + "result=".length()));
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }
}
