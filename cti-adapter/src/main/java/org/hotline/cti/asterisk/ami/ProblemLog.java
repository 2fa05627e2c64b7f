package org.hotline.cti.asterisk.ami;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a recurring problem (a malformed line, an unknown device state, an unexpected response ...) once per kind
 * at WARN, then only counts it (DEBUG per occurrence), so that a misbehaving peer cannot flood the log. Thread-safe.
 */
final class ProblemLog {
    private final Logger log;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    ProblemLog(Logger log) {
        this.log = log;
    }

    /**
     * Logs {@code message} (SLF4J format) at WARN the first time {@code kind} occurs, at DEBUG afterwards.
     *
     * @return true when this was the first occurrence
     */
    boolean warn(String kind, String message, Object... args) {
        long n = counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        if (n == 1) {
            log.warn(message + " (logged once; further occurrences are counted)", args);
            return true;
        }
        if (log.isDebugEnabled()) {
            log.debug("[" + n + "x] " + message, args);
        }
        return false;
    }

    /** How often {@code kind} occurred. */
    long count(String kind) {
        AtomicLong n = counts.get(kind);
        return n == null ? 0 : n.get();
    }
}
