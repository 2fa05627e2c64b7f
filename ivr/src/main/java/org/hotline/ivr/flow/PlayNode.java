package org.hotline.ivr.flow;

import java.util.Arrays;
import java.util.List;

/** Plays a prompt to the end (no input), then goes to {@code next}. */
public record PlayNode(Prompt prompt, String next) implements Node {
    @Override
    public String type() {
        return "play";
    }

    @Override
    public List<String> targets() {
        return Arrays.asList(next);
    }
}
