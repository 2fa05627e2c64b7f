package org.hotline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline.app.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * With the bench module on the class path, {@code hotline} offers the benchmark commands beside the production ones,
 * under the names the README's command table gives, as {@code ./hotline} runs them from the bench jar.
 */
class HotlineCommandsTest {
    @Test
    void benchLoadAndSoakJoinTheProductionCommands() {
        CommandLine hotline = Main.commandLine();

        assertThat(hotline.getSubcommands()).containsOnlyKeys("demo", "start", "user-add", "bench", "load", "soak");
        assertThat(hotline.getSubcommands().get("bench").getSubcommands())
                .containsOnlyKeys("agi", "queue", "ami", "call-cost", "tickets", "routing", "cluster");
    }

    @Test
    void aBadRoutingOptionIsRefusedBeforeAnythingRuns() {
        CommandLine hotline = Main.commandLine();
        hotline.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));

        assertThat(hotline.execute("bench", "routing", "--iterations", "0")).isEqualTo(2);
        assertThat(hotline.execute("bench", "cluster", "--calls", "5")).isEqualTo(2);
        assertThat(hotline.execute("bench", "call-cost", "--talk", "forever")).isEqualTo(2);
        assertThat(hotline.execute("bench", "call-cost", "--rate", "0")).isEqualTo(2);
    }
}
