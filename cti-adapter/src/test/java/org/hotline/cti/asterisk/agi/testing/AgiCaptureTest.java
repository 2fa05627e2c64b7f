package org.hotline.cti.asterisk.agi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgiCaptureTest {
    @Test
    void theIvrCaptureSplitsIntoItsRecordedBlocksWithoutMarkers() {
        AgiCapture capture = AgiCapture.resource("/asterisk/agi-ivr-session.txt");

        assertThat(capture.blocks()).hasSize(45);
        assertThat(capture.blocks().get(0).direction()).isEqualTo(AgiCapture.Direction.ASTERISK_TO_AGI);
        assertThat(capture.blocks().get(0).text()).startsWith("agi_network: yes\n").endsWith("agi_context: hotline\n");
        assertThat(capture.blocks().get(1).text()).startsWith("agi_extension: 4000\n")
                .contains("agi_accountcode: \n").endsWith("agi_arg_2: arg two\n\n");
        assertThat(capture.blocks()).allSatisfy(b -> assertThat(b.text()).doesNotContain("#<", "#>", "\r"));
        assertThat(capture.agiCommands()).startsWith("ANSWER").endsWith("EXEC Playback beep", "HANGUP").hasSize(21);
    }

    @Test
    void headerLinesAreDroppedAndBytesKept() {
        String file = "# header\n#\n#< asterisk->agi +0.000s\nagi_x: 1\n\n#> agi->asterisk +0.001s\nANSWER\n";
        AgiCapture capture = AgiCapture.parse("inline", file.getBytes(StandardCharsets.UTF_8));

        assertThat(capture.blocks()).containsExactly(
                new AgiCapture.Block(AgiCapture.Direction.ASTERISK_TO_AGI, "agi_x: 1\n\n".getBytes(StandardCharsets.UTF_8)),
                new AgiCapture.Block(AgiCapture.Direction.AGI_TO_ASTERISK, "ANSWER\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void contentBeforeAnyMarkerIsRefused() {
        assertThatThrownBy(() -> AgiCapture.parse("bad", "ANSWER\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the first block marker");
    }
}
