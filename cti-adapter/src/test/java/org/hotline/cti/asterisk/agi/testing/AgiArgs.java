package org.hotline.cti.asterisk.agi.testing;

import java.util.ArrayList;
import java.util.List;

/** Splits an AGI command line into arguments the way Asterisk's res_agi does: spaces, double quotes, backslash escapes. */
final class AgiArgs {
    private AgiArgs() {
    }

    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        boolean inArgument = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (escaped) {
                current.append(c);
                escaped = false;
                inArgument = true;
            } else if (c == '\\') {
                escaped = true;
                inArgument = true;
            } else if (c == '"') {
                quoted = !quoted;
                inArgument = true;
            } else if (c == ' ' && !quoted) {
                if (inArgument) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
        }
        if (inArgument) {
            args.add(current.toString());
        }
        return args;
    }
}
