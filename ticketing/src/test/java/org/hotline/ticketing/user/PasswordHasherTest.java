package org.hotline.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashDescribesItselfAndIsNotThePassword() {
        String hash = hasher.hash("s3cret".toCharArray());

        assertThat(hash).matches("pbkdf2-sha256\\$\\d+\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+").doesNotContain("s3cret");
        assertThat(Integer.parseInt(hash.split("\\$")[1])).isGreaterThanOrEqualTo(100_000);
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
        String stronger = new PasswordHasher(150_000).hash("demo".toCharArray());

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
        assertThatThrownBy(() -> new PasswordHasher(10_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
