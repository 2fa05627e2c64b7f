package org.hotline.console.callcontrol;

import java.util.regex.Pattern;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;

/** Where a call may be sent (transfer target, click-to-dial destination): 1–64 of {@code [0-9A-Za-z*#+/_.@-]}. */
final class Destinations {
    static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Za-z*#+/_.@-]{1," + MAX_LENGTH + "}");

    private Destinations() {
    }

    /** The field as a destination; a 400 naming the field when it is missing, too long or has other characters. */
    static String require(JsonBody body, String field) {
        String value = body.requiredText(field, MAX_LENGTH);
        if (!ALLOWED.matcher(value).matches()) {
            throw HttpError.badRequest(field, field + " may only contain letters, digits and * # + / _ . @ -");
        }
        return value;
    }
}
