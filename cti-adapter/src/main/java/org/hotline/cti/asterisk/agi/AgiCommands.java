package org.hotline.cti.asterisk.agi;

import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;

/**
 * The AGI command lines Hotline sends, written the way the reference captures show them (a file name or variable
 * name bare, a value or escape-digit set in double quotes, an application's argument bare when it is one plain word
 * and quoted otherwise). Asterisk splits AGI arguments on spaces, honours double quotes and takes a backslash as an
 * escape, so quoted text escapes {@code \} and {@code "}; a CR or LF is refused everywhere because it would end the
 * command and start another one.
 */
final class AgiCommands {
    /** The dialplan context Dial's {@code U()} option runs on the agent's channel when it answers. */
    static final String ANSWERED_CONTEXT = "hotline-answered";
    /**
     * Dial's feature options for the agent's leg: {@code t} lets the <em>called</em> party (the agent) use the
     * features.conf transfer codes ({@code blindxfer}, {@code atxfer}); AMI {@code Atxfer} works by injecting the
     * {@code atxfer} code into the agent's channel, so without {@code t} its digits just pass through as DTMF and no
     * transfer starts. Deliberately not given: {@code T} (the caller could transfer the agent away with the same
     * keys), {@code h}/{@code H} (hang-up by the disconnect code: a caller's key press in the IVR habit would drop
     * the call), {@code k}/{@code K} (call parking, which Hotline does not follow), {@code w}/{@code W} and
     * {@code x}/{@code X} (one-touch recording: Hotline records through MixMonitor from the console).
     */
    static final String DIAL_FEATURE_OPTIONS = "t";

    private static final Pattern WORD = Pattern.compile("[^\\s\"\\\\]+");
    private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_./:@+*#-]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9*#]+");
    /** The keypad's keys, and A-D (DTMF has them; the wake-up's key is one, ChannelWakeUps.KEY). */
    private static final Pattern ESCAPE_DIGITS = Pattern.compile("[0-9*#A-D]*");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_./@&:+*#~-]+");
    private static final Pattern MOH_CLASS = Pattern.compile("[A-Za-z0-9_.-]+");

    private AgiCommands() {
    }

    static String answer() {
        return "ANSWER";
    }

    static String streamFile(String prompt, String escapeDigits) {
        String escape = escapeDigits == null ? "" : escapeDigits;
        if (!ESCAPE_DIGITS.matcher(escape).matches()) {
            throw new ValidationException("escapeDigits", "escape digits must be DTMF keys 0-9 * # A-D, was '" + escape + "'");
        }
        return "STREAM FILE " + word(prompt, "prompt") + " " + quote(escape);
    }

    static String getData(String prompt, long timeoutMillis, int maxDigits) {
        return "GET DATA " + word(prompt, "prompt") + " " + timeoutMillis + " " + maxDigits;
    }

    static String waitForDigit(long timeoutMillis) {
        return "WAIT FOR DIGIT " + timeoutMillis;
    }

    static String sayDigits(String digits) {
        if (digits == null || !DIGITS.matcher(digits).matches()) {
            throw new ValidationException("digits", "digits to say must be DTMF keys 0-9 * #, was '" + digits + "'");
        }
        return "SAY DIGITS " + digits + " \"\"";
    }

    static String sayNumber(long number) {
        return "SAY NUMBER " + number + " \"\"";
    }

    static String setVariable(String name, String value) {
        return "SET VARIABLE " + word(name, "name") + " " + quote(value == null ? "" : value);
    }

    /** GET VARIABLE for a name or function; GET FULL VARIABLE for an expression such as {@code ${CALLERID(num)}-x}. */
    static String getVariable(String nameOrExpression) {
        if (nameOrExpression != null && nameOrExpression.contains("${")) {
            return "GET FULL VARIABLE " + quote(nameOrExpression);
        }
        return "GET VARIABLE " + word(nameOrExpression, "name");
    }

    static String startMusicOnHold(String mohClass) {
        if (mohClass == null || mohClass.isEmpty()) {
            return "EXEC StartMusicOnHold";
        }
        if (!MOH_CLASS.matcher(mohClass).matches()) {
            throw new ValidationException("mohClass", "music-on-hold class must be letters, digits, _ . -, was '"
                    + mohClass + "'");
        }
        return "EXEC StartMusicOnHold " + mohClass;
    }

    static String stopMusicOnHold() {
        return "EXEC StopMusicOnHold";
    }

    static String hangup() {
        return "HANGUP";
    }

    static String dialStatus() {
        return "GET VARIABLE DIALSTATUS";
    }

    /**
     * {@code EXEC Dial "<device>,<ringSeconds>,tU(hotline-answered^<callId>)"}: rings {@code device} with the
     * agent's transfer features ({@link #DIAL_FEATURE_OPTIONS}); when it answers,
     * Asterisk runs the {@code hotline-answered} gosub on the agent's channel with the call id as ARG1, whose short
     * FastAGI session tells the waiting {@code connect} (see {@link HotlineAgiServer}).
     */
    static String dial(String device, long ringSeconds, String callId) {
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw new ValidationException("device", "device must be a Dial target such as PJSIP/1001, was '"
                    + device + "'");
        }
        if (!AgiEnvironment.isValidCallId(callId)) {
            throw new ValidationException("callId", "call id cannot be passed to the answered gosub: '" + callId + "'");
        }
        return exec("Dial", device + "," + ringSeconds + "," + DIAL_FEATURE_OPTIONS + "U(" + ANSWERED_CONTEXT + "^"
                + callId + ")");
    }

    static String exec(String application, String argument) {
        String app = word(application, "application");
        if (argument == null) {
            return "EXEC " + app;
        }
        return "EXEC " + app + " " + (PLAIN_ARGUMENT.matcher(argument).matches() ? argument : quote(argument));
    }

    /** A bare argument: no spaces, quotes or backslashes. */
    static String word(String value, String field) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new ValidationException(field, field + " must be one word without spaces or quotes, was '"
                    + value + "'");
        }
        return value;
    }

    /** A double-quoted argument with {@code \} and {@code "} escaped. */
    static String quote(String value) {
        requireSingleLine(value);
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void requireSingleLine(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new ValidationException("command", "an AGI command cannot contain a line break");
        }
    }
}
