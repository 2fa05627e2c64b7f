package org.hotline.ticketing.user;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes from the JDK, stored self-describing as
 * {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>} so the iteration count can be raised later
 * without breaking stored hashes. Salts are 16 random bytes; comparison is constant-time. The default is OWASP's
 * 2023 figure for PBKDF2-HMAC-SHA256, 600,000 iterations; a stored hash with fewer is {@link #needsRehash weak} and
 * replaced at the next successful login. The count is a constructor parameter so that tests which create many users
 * can stay fast; production code uses the default.
 */
public final class PasswordHasher {
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The floor for a hasher (tests use it); stored hashes of any count still verify. */
    public static final int MIN_ITERATIONS = 1_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private volatile String dummyHash;

    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    public PasswordHasher(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be " + MIN_ITERATIONS + "–" + MAX_ITERATIONS);
        }
        this.iterations = iterations;
    }

    /** The iteration count of new hashes. */
    public int iterations() {
        return iterations;
    }

    /**
     * Whether {@code stored} should be replaced by a new hash: it has fewer iterations than this hasher uses (or
     * cannot be read at all, in which case it never verified anyway).
     */
    public boolean needsRehash(String stored) {
        Parsed parsed = Parsed.of(stored);
        return parsed == null || parsed.iterations < iterations;
    }

    /** A new salted hash of {@code password} (the array is left untouched). */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed stored hash. */
    public boolean verify(char[] password, String stored) {
        Parsed parsed = Parsed.of(stored);
        if (parsed == null || password == null) {
            return false;
        }
        byte[] actual = pbkdf2(password, parsed.salt, parsed.iterations);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /**
     * Spends the same work as a real check and returns false: used for unknown users so that response time does not
     * tell which usernames exist.
     */
    public boolean verifyAgainstDummy(char[] password) {
        String dummy = dummyHash;
        if (dummy == null) { // made on first use: every Ticketing builds a hasher, most never meet an unknown user
            dummy = hash("dummy-password-for-unknown-users".toCharArray());
            dummyHash = dummy;
        }
        verify(password == null ? new char[0] : password, dummy);
        return false;
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
        static Parsed of(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split("\\$", -1);
            if (parts.length != 4 || !SCHEME.equals(parts[0])) {
                return null;
            }
            try {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] hash = Base64.getDecoder().decode(parts[3]);
                if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || hash.length == 0) {
                    return null;
                }
                return new Parsed(iterations, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
