package org.hotline.cti.asterisk.agi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.asteriskjava.fastagi.AgiRequest;
import org.hotline.platform.telephony.CallInfo;

/**
 * Turns the {@code agi_*} environment Asterisk sends at the start of a FastAGI session into the platform's
 * {@link CallInfo}:
 * <ul>
 * <li>call id = the platform id given (a new one per call: the uniqueid repeats across Asterisk restarts and
 * servers); switch call id = {@code agi_uniqueid} (required; letters, digits, {@code . _ -});</li>
 * <li>ani = {@code agi_callerid}, "" when Asterisk has none ({@code unknown}, {@code <unknown>}, empty);</li>
 * <li>dnis = {@code agi_dnid} unless it is {@code unknown}, else {@code agi_extension};</li>
 * <li>channel = {@code agi_channel} (required), language = {@code agi_language};</li>
 * <li>script = the request path without its query ({@code hotline} for {@code agi://host/hotline?flow=main});</li>
 * <li>params = the query parameters ({@code flow=main}; the first value when one repeats) plus {@code arg1},
 * {@code arg2}, ... from the dialplan arguments {@code agi_arg_N} (these win over a query parameter of the same
 * name).</li>
 * </ul>
 */
final class AgiEnvironment {
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,150}");
    private static final Pattern ARGUMENT_KEY = Pattern.compile("arg_([0-9]{1,4})");

    private AgiEnvironment() {
    }

    /**
     * @throws IllegalArgumentException when the environment has no usable uniqueid or channel
     */
    static CallInfo callInfo(AgiRequest request, String platformId) {
        Map<String, String> env = request.getRequest() == null ? Map.of() : request.getRequest();
        String callId = env.get("uniqueid");
        if (!isValidCallId(callId)) {
            throw new IllegalArgumentException("FastAGI request without a usable agi_uniqueid (was '" + callId + "')");
        }
        String channel = env.get("channel");
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("FastAGI request for call " + callId + " without agi_channel");
        }
        return new CallInfo(platformId, ani(env.get("callerid")), dnis(env), channel, env.get("language"),
                request.getScript(), params(request, env), callId);
    }

    static boolean isValidCallId(String callId) {
        return callId != null && CALL_ID.matcher(callId).matches();
    }

    private static String ani(String callerId) {
        if (callerId == null) {
            return "";
        }
        String number = callerId.strip();
        if (number.equalsIgnoreCase("unknown") || number.equalsIgnoreCase("<unknown>")) {
            return "";
        }
        return number;
    }

    private static String dnis(Map<String, String> env) {
        String dnid = env.get("dnid");
        if (dnid != null && !dnid.isBlank() && !dnid.equalsIgnoreCase("unknown")) {
            return dnid;
        }
        String extension = env.get("extension");
        return extension == null ? "" : extension;
    }

    private static Map<String, String> params(AgiRequest request, Map<String, String> env) {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String[]> query = request.getParameterMap();
        if (query != null) {
            new TreeMap<>(query).forEach((name, values) -> {
                if (name != null && !name.isEmpty() && values != null && values.length > 0 && values[0] != null) {
                    params.put(name, values[0]);
                }
            });
        }
        Map<Integer, String> arguments = new TreeMap<>();
        env.forEach((key, value) -> {
            var m = ARGUMENT_KEY.matcher(key);
            if (m.matches() && value != null) {
                arguments.put(Integer.parseInt(m.group(1)), value);
            }
        });
        arguments.forEach((index, value) -> params.put("arg" + index, value));
        return params;
    }
}
