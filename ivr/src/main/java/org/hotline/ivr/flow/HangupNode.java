package org.hotline.ivr.flow;

import java.util.List;

/** Ends the call in the IVR: plays {@code prompt} (if any) and hangs up. */
public record HangupNode(Prompt prompt) implements Node {
    @Override
    public String type() {
        return "hangup";
    }

    @Override
    public List<String> targets() {
        return List.of();
    }
}
