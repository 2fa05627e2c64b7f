package org.hotline.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The overall status from the parts: the database down is DOWN, any other part down is DEGRADED. */
class HealthReportTest {
    private static final Instant AT = Instant.parse("2026-12-01T22:30:00Z");

    private static ComponentHealth part(String name, ComponentKind kind, boolean up) {
        return new ComponentHealth(name, kind, up ? "UP" : "DOWN", up, AT, "");
    }

    @ParameterizedTest(name = "database {0}, ami:pbx1 {1}, ami:pbx2 {2}, fastagi {3} -> {4}")
    @CsvSource({
            "true,  true,  true,  true,  UP",
            "true,  false, true,  true,  DEGRADED",
            "true,  false, false, true,  DEGRADED",
            "true,  true,  true,  false, DEGRADED",
            "false, true,  true,  true,  DOWN",
            "false, false, false, false, DOWN"})
    void theNodesStatusFollowsItsParts(boolean db, boolean pbx1, boolean pbx2, boolean agi, HealthStatus expected) {
        List<ComponentHealth> parts = List.of(part("database", ComponentKind.DATABASE, db),
                part("ami:pbx1", ComponentKind.SWITCH_LINK, pbx1), part("ami:pbx2", ComponentKind.SWITCH_LINK, pbx2),
                part("fastagi", ComponentKind.CALL_SERVER, agi));

        HealthReport report = HealthReport.of(parts, AT);

        assertThat(report.status()).isEqualTo(expected);
        assertThat(report.components()).extracting(ComponentHealth::name)
                .containsExactly("database", "ami:pbx1", "ami:pbx2", "fastagi");
    }

    @ParameterizedTest(name = "the simulator up: {0}")
    @CsvSource({"true, UP", "false, DEGRADED"})
    void onTheSimulatorTheSimulatorIsAPart(boolean up, HealthStatus expected) {
        HealthCheck checks = HealthCheck.of(List.of(() -> List.of(part("database", ComponentKind.DATABASE, true)),
                () -> List.of(part("simulator", ComponentKind.SIMULATOR, up))));

        assertThat(HealthReport.of(checks.components(), AT).status()).isEqualTo(expected);
        assertThat(checks.components()).extracting(ComponentHealth::name).containsExactly("database", "simulator");
    }
}
