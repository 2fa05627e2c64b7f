package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;

/** The rules a parsed flow must keep: a start node, no dangling references, sane menus and collects. */
final class FlowValidator {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern DTMF = Pattern.compile("[0-9*#]");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_COLLECT_DIGITS = 64;

    private FlowValidator() {
    }

    static void validate(Flow flow) {
        String src = flow.source();
        if (flow.id() == null || !ID.matcher(flow.id()).matches()) {
            throw new ValidationException("id", src + ": flow id '" + flow.id() + "' must be letters, digits, - or _");
        }
        if (flow.start() == null || flow.start().isBlank()) {
            throw new ValidationException("start", src + ": no start node (set 'start' to a node id)");
        }
        if (!flow.nodes().containsKey(flow.start())) {
            throw new ValidationException("start", src + ": no start node: 'start' names node '" + flow.start()
                    + "', which does not exist");
        }
        promptNamed(src, "sorryPrompt", flow.sorryPrompt(), "sorryPrompt");
        flow.classes().forEach((cc, rule) -> {
            promptNamed(src, "class " + cc, rule.prompt(), "classes." + cc);
            if (rule.queue() != null && rule.queue().isBlank()) {
                throw new ValidationException("classes." + cc, src + ": class " + cc + ": queue must not be blank");
            }
        });
        for (Map.Entry<String, Node> e : flow.nodes().entrySet()) {
            validateNode(flow, e.getKey(), e.getValue());
        }
    }

    private static void validateNode(Flow flow, String id, Node node) {
        String src = flow.source();
        switch (node) {
            case PlayNode p -> {
                requirePrompt(src, id, p.prompt(), "prompt");
                requireTarget(flow, id, "next", p.next());
            }
            case MenuNode m -> {
                requirePrompt(src, id, m.prompt(), "prompt");
                optionalPrompt(src, id, m.invalidPrompt(), "invalidPrompt");
                optionalPrompt(src, id, m.timeoutPrompt(), "timeoutPrompt");
                if (m.options().isEmpty()) {
                    throw nodeError(src, id, "a menu needs at least one option");
                }
                m.options().forEach((key, target) -> {
                    if (!DTMF.matcher(key).matches()) {
                        throw nodeError(src, id, "option '" + key + "' is not a single key (0-9, * or #)");
                    }
                    requireTarget(flow, id, "option '" + key + "'", target);
                });
                if (m.retries() < 1) {
                    throw nodeError(src, id, "retries must be at least 1");
                }
                requirePositive(src, id, "timeout", m.timeout());
                requireTarget(flow, id, "onFailure", m.onFailure());
            }
            case CollectNode c -> {
                requirePrompt(src, id, c.prompt(), "prompt");
                if (c.variable() == null || !VARIABLE.matcher(c.variable()).matches()) {
                    throw nodeError(src, id, "variable must be a name (letters, digits, _), got '" + c.variable() + "'");
                }
                if (c.maxDigits() < 1 || c.maxDigits() > MAX_COLLECT_DIGITS) {
                    throw nodeError(src, id, "maxDigits must be between 1 and " + MAX_COLLECT_DIGITS);
                }
                requirePositive(src, id, "timeout", c.timeout());
                requireTarget(flow, id, "next", c.next());
            }
            case QueueNode q -> {
                if (q.queue() == null || q.queue().isBlank()) {
                    throw nodeError(src, id, "queue name is required");
                }
                optionalPrompt(src, id, q.prompt(), "prompt");
                optionalPrompt(src, id, q.positionPrompt(), "positionPrompt");
                if (q.announceEvery() != null) {
                    requirePositive(src, id, "announceEvery", q.announceEvery());
                }
                if (q.callback() != null) {
                    callbackOffer(src, id, q.callback());
                }
            }
            case HangupNode h -> optionalPrompt(src, id, h.prompt(), "prompt");
        }
    }

    private static void callbackOffer(String src, String id, CallbackOffer c) {
        requirePrompt(src, id, c.offer(), "callback.offer");
        requirePrompt(src, id, c.numberIs(), "callback.numberIs");
        requirePrompt(src, id, c.confirm(), "callback.confirm");
        requirePrompt(src, id, c.enterNumber(), "callback.enterNumber");
        requirePrompt(src, id, c.accepted(), "callback.accepted");
        optionalPrompt(src, id, c.invalidNumber(), "callback.invalidNumber");
        optionalPrompt(src, id, c.unavailable(), "callback.unavailable");
        if (!c.key().matches("[0-9*#]")) {
            throw nodeError(src, id, "callback.key must be one key (0-9, * or #), was '" + c.key() + "'");
        }
        requirePositive(src, id, "callback.timeout", c.timeout());
    }

    private static void requireTarget(Flow flow, String id, String what, String target) {
        if (target == null || target.isBlank()) {
            throw nodeError(flow.source(), id, what + " is missing (it must name the next node)");
        }
        if (!flow.nodes().containsKey(target)) {
            throw nodeError(flow.source(), id, what + " points at missing node '" + target + "'");
        }
    }

    private static void requirePrompt(String src, String id, Prompt prompt, String what) {
        if (prompt == null) {
            throw nodeError(src, id, what + " is required");
        }
        optionalPrompt(src, id, prompt, what);
    }

    private static void optionalPrompt(String src, String id, Prompt prompt, String what) {
        if (prompt != null && (prompt.name() == null || prompt.name().isBlank())) {
            throw nodeError(src, id, what + " has no name (the sound file to play)");
        }
    }

    private static void promptNamed(String src, String where, Prompt prompt, String field) {
        if (prompt != null && (prompt.name() == null || prompt.name().isBlank())) {
            throw new ValidationException(field, src + ": " + where + ": prompt has no name (the sound file to play)");
        }
    }

    private static void requirePositive(String src, String id, String what, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw nodeError(src, id, what + " must be positive");
        }
    }

    static ValidationException nodeError(String source, String nodeId, String detail) {
        return new ValidationException("nodes." + nodeId, source + ": node '" + nodeId + "': " + detail);
    }
}
