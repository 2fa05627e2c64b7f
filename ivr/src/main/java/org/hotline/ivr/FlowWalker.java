package org.hotline.ivr;

import java.util.Optional;
import org.hotline.ivr.flow.CollectNode;
import org.hotline.ivr.flow.HangupNode;
import org.hotline.ivr.flow.MenuNode;
import org.hotline.ivr.flow.Node;
import org.hotline.ivr.flow.PlayNode;
import org.hotline.ivr.flow.QueueNode;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.telephony.CallChannel;

/** Walks a call's flow from its start node to a queue or hangup node, recording the path and keys. */
final class FlowWalker {
    /** Where the flow ended. */
    sealed interface Exit {
    }

    record ToQueue(String nodeId, QueueNode node) implements Exit {
    }

    record ToHangup(String nodeId, HangupNode node) implements Exit {
    }

    /** A flow that runs this many nodes without reaching an end has a loop that needs no input. */
    static final int MAX_STEPS = 200;

    private final CallChannel channel;
    private final CallSession session;
    private final CallerIdentification identification;

    FlowWalker(CallChannel channel, CallSession session, CallerIdentification identification) {
        this.channel = channel;
        this.session = session;
        this.identification = identification;
    }

    Exit walk() {
        String nodeId = session.flow().start();
        char early = 0; // a key pressed during a prompt that leads to a menu: the menu's first answer
        for (int step = 0; step < MAX_STEPS; step++) {
            Node node = session.flow().node(nodeId);
            switch (node) {
                case PlayNode p -> {
                    // barge-in: a prompt followed by a menu (the greeting) already takes the menu's keys
                    boolean menuNext = session.flow().node(p.next()) instanceof MenuNode;
                    char key = p.prompt() == null ? 0
                            : PromptPlayer.play(channel, p.prompt(), menuNext ? PromptPlayer.ALL_KEYS : "");
                    early = menuNext ? key : 0;
                    nodeId = p.next();
                }
                case MenuNode m -> {
                    nodeId = menu(nodeId, m, early);
                    early = 0;
                }
                case CollectNode c -> nodeId = collect(nodeId, c);
                case QueueNode q -> {
                    return new ToQueue(nodeId, q);
                }
                case HangupNode h -> {
                    return new ToHangup(nodeId, h);
                }
            }
        }
        throw new IllegalStateException("flow '" + session.flow().id() + "' ran " + MAX_STEPS
                + " nodes without reaching a queue or hangup; last node '" + nodeId + "'");
    }

    /** @param early a key the caller pressed during the prompt before the menu (0: none): the first answer */
    private String menu(String nodeId, MenuNode menu, char early) {
        for (int attempt = 1; attempt <= menu.retries(); attempt++) {
            char key = attempt == 1 && early != 0 ? early
                    : PromptPlayer.play(channel, menu.prompt(), PromptPlayer.ALL_KEYS);
            if (key == 0) {
                key = channel.waitForDigit(menu.timeout());
            }
            if (key == 0) {
                session.step(nodeId, "T");
                PromptPlayer.play(channel, menu.timeoutPrompt());
                continue;
            }
            String pressed = String.valueOf(key);
            session.keys(pressed);
            session.step(nodeId, pressed);
            String target = menu.options().get(pressed);
            if (target != null) {
                return target;
            }
            PromptPlayer.play(channel, menu.invalidPrompt());
        }
        return menu.onFailure();
    }

    private String collect(String nodeId, CollectNode collect) {
        String typed = channel.collectDigits(collect.prompt().name(), collect.timeout(), collect.maxDigits());
        typed = typed == null ? "" : typed;
        session.keys(typed);
        session.step(nodeId, typed.isEmpty() ? "T" : typed);
        if (!typed.isEmpty()) {
            channel.setVariable(collect.variable(), typed);
            if (collect.identify() && !session.identified()) {
                Optional<Customer> found = identification.byPhone(session.callId(), typed);
                found.ifPresent(session::identifiedAs);
            }
        }
        return collect.next();
    }
}
