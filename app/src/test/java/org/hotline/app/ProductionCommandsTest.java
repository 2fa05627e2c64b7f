package org.hotline.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The production runnable alone (no bench module on the class path, as in {@code app/target/hotline.jar} and the
 * Docker image) offers only the commands that run a contact centre: the benchmark and load commands come with the
 * bench module.
 */
class ProductionCommandsTest {
    @Test
    void theProductionJarOffersOnlyDemoStartAndUserAdd() {
        assertThat(Main.commandLine().getSubcommands()).containsOnlyKeys("demo", "start", "user-add");
    }
}
