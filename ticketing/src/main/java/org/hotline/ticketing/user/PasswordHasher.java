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
 * without breaking stored hashes. Salts are 16 random bytes; comparison is constant-time.
 */
public final class PasswordHasher {
    public static final int DEFAULT_ITERATIONS = 120_000;
    public static final int MIN_ITERATIONS = 100_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    public PasswordHasher(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be " + MIN_ITERATIONS + "–" + MAX_ITERATIONS);
        }
        this.iterations = iterations;
        this.dummyHash = hash("dummy-password-for-unknown-users".toCharArray());
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
        verify(password == null ? new char[0] : password, dummyHash);
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
