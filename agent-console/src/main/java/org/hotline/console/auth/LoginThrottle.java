package org.hotline.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.hotline.platform.Times;

/**
 * Counts failed logins per account and per client address, in memory, and says how long the next attempt must wait
 * ({@link ThrottleRule}). Kept apart from the lockout (which is persisted on the user's row): the throttle slows
 * guessing down at once and costs nothing to answer (the password is not even hashed while throttled), the lockout
 * stops it. An admitted attempt is counted as a failure at once, before its password is checked, so that a burst of
 * parallel attempts cannot all slip through while the first hashes run; a success then takes that count back (the
 * account's count starts again, the address's loses the one failure), so that an attacker who owns one account
 * cannot reset the count of the address it guesses from. At most {@code maxEntries} keys are held; when full,
 * forgotten keys go first, then the oldest.
 */
public final class LoginThrottle {
    static final int DEFAULT_MAX_ENTRIES = 10_000;

    /** A key's count; {@code before*} are what the last count replaced, so that taking it back restores them. */
    private record Entry(int failures, Instant lastFailure, Instant blockedUntil, Instant beforeLastFailure,
                         Instant beforeBlockedUntil) {
    }

    private final Clock clock;
    private final ThrottleRule accountRule;
    private final ThrottleRule addressRule;
    private final int maxEntries;
    private final Map<String, Entry> entries = new HashMap<>();

    public LoginThrottle(Clock clock, ThrottleRule accountRule, ThrottleRule addressRule, int maxEntries) {
        this.clock = clock;
        this.accountRule = accountRule;
        this.addressRule = addressRule;
        this.maxEntries = maxEntries;
    }

    public LoginThrottle(Clock clock, ThrottleRule accountRule, ThrottleRule addressRule) {
        this(clock, accountRule, addressRule, DEFAULT_MAX_ENTRIES);
    }

    /**
     * Admits an attempt for {@code username} from {@code address}, counting it as a failure until
     * {@link #succeeded} says otherwise; or, when the account or the address must still wait, counts nothing and
     * answers how long.
     *
     * @return zero when admitted, else the wait before the next attempt may go ahead
     */
    public synchronized Duration admit(String username, String address) {
        Instant now = Times.now(clock);
        Duration a = remaining(accountKey(username), now);
        Duration b = remaining(addressKey(address), now);
        Duration wait = a.compareTo(b) >= 0 ? a : b;
        if (wait.isZero()) {
            count(accountKey(username), accountRule, now);
            count(addressKey(address), addressRule, now);
        }
        return wait;
    }

    /**
     * Admits one request for a per-address limit alone (the public complaint form counts every submission, not only
     * failures, with the address rule): counts it, or counts nothing and answers how long to wait.
     *
     * @return zero when admitted, else the wait before the next request may go ahead
     */
    public synchronized Duration admitAddress(String address) {
        Instant now = Times.now(clock);
        Duration wait = remaining(addressKey(address), now);
        if (wait.isZero()) {
            count(addressKey(address), addressRule, now);
        }
        return wait;
    }

    /** The admitted attempt succeeded: the account's count starts again, the address's loses this attempt. */
    public synchronized void succeeded(String username, String address) {
        entries.remove(accountKey(username));
        uncount(addressKey(address));
    }

    /**
     * The admitted attempt checked no password (the account is locked): it is taken back from both counts, since it
     * taught the client nothing and must not stretch the wait of the account's owner.
     */
    public synchronized void notChecked(String username, String address) {
        uncount(accountKey(username));
        uncount(addressKey(address));
    }

    private void uncount(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return;
        }
        int failures = e.failures() - 1;
        if (failures <= 0) {
            entries.remove(key);
        } else if (e.beforeLastFailure() == null) { // a second take-back in a row: keep the wait as it is
            entries.put(key, new Entry(failures, e.lastFailure(), e.blockedUntil(), null, null));
        } else {
            entries.put(key, new Entry(failures, e.beforeLastFailure(), e.beforeBlockedUntil(), null, null));
        }
    }

    /** Forgets the account's failures (an administrator lifted its lockout). */
    public synchronized void clearAccount(String username) {
        entries.remove(accountKey(username));
    }

    synchronized int size() {
        return entries.size();
    }

    private Duration remaining(String key, Instant now) {
        Entry e = entries.get(key);
        if (e == null || !now.isBefore(e.blockedUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, e.blockedUntil());
    }

    private void count(String key, ThrottleRule rule, Instant now) {
        Entry old = entries.get(key);
        int failures = old == null || forgotten(old, key, now) ? 1 : old.failures() + 1;
        if (old == null && entries.size() >= maxEntries) {
            makeRoom(now);
        }
        Instant beforeLast = failures == 1 ? null : old.lastFailure();
        Instant beforeBlocked = failures == 1 ? null : old.blockedUntil();
        entries.put(key, new Entry(failures, now, now.plus(rule.delayAfter(failures)), beforeLast, beforeBlocked));
    }

    private boolean forgotten(Entry e, String key, Instant now) {
        ThrottleRule rule = key.startsWith("a:") ? accountRule : addressRule;
        return !now.isBefore(e.lastFailure().plus(rule.forgetAfter()));
    }

    private void makeRoom(Instant now) {
        entries.entrySet().removeIf(x -> forgotten(x.getValue(), x.getKey(), now));
        if (entries.size() >= maxEntries) {
            entries.entrySet().stream()
                    .min(Comparator.comparing((Map.Entry<String, Entry> x) -> x.getValue().lastFailure()))
                    .map(Map.Entry::getKey)
                    .ifPresent(entries::remove);
        }
    }

    private static String accountKey(String username) {
        return "a:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "n:" + (address == null ? "unknown" : address);
    }
}
