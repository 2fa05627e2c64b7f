package org.hotline.cti.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The keys a simulated caller still has to press; not thread-safe (guarded by the call's lock). */
final class CallerScript {
    private final Deque<String> entries;

    CallerScript(List<String> keys) {
        this.entries = new ArrayDeque<>(keys);
    }

    /** The next entry, or null when the caller has nothing left to press. */
    String peek() {
        return entries.peekFirst();
    }

    /** Removes the whole next entry. */
    String takeEntry() {
        return entries.pollFirst();
    }

    /** Takes the first key of the next entry ({@code H} counts as a key); the rest of the entry stays. */
    char takeKey() {
        String entry = entries.pollFirst();
        char key = entry.charAt(0);
        if (entry.length() > 1) {
            entries.addFirst(entry.substring(1));
        }
        return key;
    }

    static boolean isTimeout(String entry) {
        return SimulatedCaller.TIMEOUT.equals(entry);
    }

    static boolean isHangup(String entry) {
        return SimulatedCaller.HANGUP.equals(entry);
    }
}
