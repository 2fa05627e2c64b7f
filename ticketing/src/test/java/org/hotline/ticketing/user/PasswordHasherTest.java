package org.hotline.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Few iterations keep these tests fast; the production count has its own test. */
    private final PasswordHasher hasher = new PasswordHasher(2_000);

    @Test
    void aHashDescribesItselfAndIsNotThePassword() {
        String hash = new PasswordHasher().hash("s3cret".toCharArray());

        assertThat(hash).matches("pbkdf2-sha256\\$\\d+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+").doesNotContain("s3cret");
        assertThat(Integer.parseInt(hash.split("\\$")[1])).isEqualTo(600_000);
    }

    @Test
    void aHashWithFewerIterationsThanTheHasherUsesNeedsARehash() {
        String old = new PasswordHasher(1_000).hash("demo".toCharArray());
        String same = hasher.hash("demo".toCharArray());
        String stronger = new PasswordHasher(3_000).hash("demo".toCharArray());

        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(same)).isFalse();
        assertThat(hasher.needsRehash(stronger)).isFalse();
        assertThat(new PasswordHasher().needsRehash("pbkdf2-sha256$120000$c2FsdA$aGFzaA")).isTrue();
        assertThat(new PasswordHasher().needsRehash("pbkdf2-sha256$600000$c2FsdA$aGFzaA")).isFalse();
    }

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String hash = hasher.hash("s3cret".toCharArray());

        assertThat(hasher.verify("s3cret".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("s3cret!".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void theSamePasswordGetsADifferentSaltEveryTime() {
        assertThat(hasher.hash("demo".toCharArray())).isNotEqualTo(hasher.hash("demo".toCharArray()));
    }

    @Test
    void aHashWithAnotherIterationCountStillVerifies() {
        String stronger = new PasswordHasher(3_000).hash("demo".toCharArray());

        assertThat(hasher.verify("demo".toCharArray(), stronger)).isTrue();
    }

    @Test
    void malformedStoredHashesNeverVerify() {
        char[] pw = "demo".toCharArray();
        assertThat(hasher.verify(pw, null)).isFalse();
        assertThat(hasher.verify(pw, "demo")).isFalse();
        assertThat(hasher.verify(pw, "md5$1$abc$def")).isFalse();
        assertThat(hasher.verify(pw, "pbkdf2-sha256$x$abc$def")).isFalse();
        assertThat(hasher.verify(pw, "pbkdf2-sha256$1000$!!!$def")).isFalse();
    }

    @Test
    void tooFewIterationsAreRefused() {
        assertThatThrownBy(() -> new PasswordHasher(999)).isInstanceOf(IllegalArgumentException.class);
    }
}
