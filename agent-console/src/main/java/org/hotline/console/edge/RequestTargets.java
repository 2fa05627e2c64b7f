package org.hotline.console.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks a request target before anything decodes it. Vert.x decodes the path and the query lazily and throws on a
 * bad escape deep inside a route (a 500 with a stack trace per request, which also floods the log); checked here, a
 * bad target is one 400.
 */
final class RequestTargets {
    private RequestTargets() {
    }

    /** Why {@code uri} (path and query as sent) is unusable, or null when it is fine. */
    static String problem(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "the request has no URL";
        }
        ByteBuffer decoded = ByteBuffer.allocate(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return "the URL contains a character that is not percent-encoded";
            }
            if (c == '%') {
                if (i + 2 >= uri.length() || hex(uri.charAt(i + 1)) < 0 || hex(uri.charAt(i + 2)) < 0) {
                    return "the URL contains a malformed percent-escape";
                }
                decoded.put((byte) (hex(uri.charAt(i + 1)) * 16 + hex(uri.charAt(i + 2))));
                i += 2;
            } else {
                decoded.put((byte) c);
            }
        }
        decoded.flip();
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(decoded);
        } catch (CharacterCodingException e) {
            return "the URL's percent-escapes are not UTF-8";
        }
        return null;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
