package org.hotline.platform.callback;

import java.util.Set;

/**
 * Which callbacks to list: those in {@code statuses} (empty = the open ones: PENDING and IN_PROGRESS), of the
 * {@code queues} given (empty = every queue), oldest request first, at most {@code limit} (1 to 500).
 */
public record CallbackQuery(Set<CallbackStatus> statuses, Set<String> queues, int limit) {
    public static final int MAX_LIMIT = 500;

    public CallbackQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        queues = queues == null ? Set.of() : Set.copyOf(queues);
    }

    /** The open callbacks of every queue, up to {@code limit}. */
    public static CallbackQuery open(int limit) {
        return new CallbackQuery(Set.of(), Set.of(), limit);
    }
}
