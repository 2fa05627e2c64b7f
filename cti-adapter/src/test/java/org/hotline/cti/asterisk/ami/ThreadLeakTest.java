package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.junit.jupiter.api.Test;

/**
 * After close, the gateway, Asterisk-Java and the fake leave no working thread and no socket behind, even after a lost
 * and a half-open connection.
 *
 * <p>One Asterisk-Java 3.42.2 race is tolerated: {@code AsyncEventPump.stop()} enqueues its poison before setting its
 * stop flag, so a pump that takes the poison first idles in a one-minute {@code poll} before it exits. Such a pump
 * holds no socket and does nothing; the test checks that it is idle there and not working.
 */
class ThreadLeakTest {
    private static boolean ours(String name) {
        return name.startsWith("ami-") || name.startsWith("fake-ami-") || name.startsWith("Asterisk-Java");
    }

    private static boolean idlePump(Thread t, StackTraceElement[] stack) {
        return t.getName().endsWith(":AsyncEventPump") && Arrays.stream(stack)
                .anyMatch(f -> f.getMethodName().equals("poll") && f.getClassName().endsWith("LinkedBlockingQueue"));
    }

    /** Live threads of the AMI side, the idle pumps left out, with their stacks (for a readable failure). */
    static List<String> working() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive() && ours(e.getKey().getName()) && !idlePump(e.getKey(), e.getValue()))
                .map((Map.Entry<Thread, StackTraceElement[]> e) -> e.getKey().getName() + " "
                        + Arrays.toString(e.getValue()))
                .toList();
    }

    @Test
    void closingReleasesEveryThread() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(working()).isEmpty()); // earlier tests
        try (AmiFixture f = new AmiFixture(2, AmiFixture.testOptions()).connected()) {
            f.session().play(AmiCapture.load("ami-queue-answered.txt").afterLogin(), Set.of())
                    .await(Duration.ofSeconds(10));
            f.fake().dropAll();           // a lost connection...
            f.fakes.get(1).silence(true); // ...and a half-open one
            await().atMost(Duration.ofSeconds(5)).until(() -> f.fake().logins() == 2);
            f.fakes.get(1).silence(false);
            f.awaitConnected();
            assertThat(working()).isNotEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(working()).isEmpty());
    }
}
