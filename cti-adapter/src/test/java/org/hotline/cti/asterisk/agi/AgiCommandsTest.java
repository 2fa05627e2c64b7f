package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hotline.platform.error.ValidationException;
import org.junit.jupiter.api.Test;

class AgiCommandsTest {
    @Test
    void commandsAreWrittenAsInTheCapture() {
        assertThat(AgiCommands.streamFile("demo-congrats", "0123456789*#"))
                .isEqualTo("STREAM FILE demo-congrats \"0123456789*#\"");
        assertThat(AgiCommands.streamFile("demo-congrats", null)).isEqualTo("STREAM FILE demo-congrats \"\"");
        assertThat(AgiCommands.getData("vm-enter-num-to-call", 8000, 4))
                .isEqualTo("GET DATA vm-enter-num-to-call 8000 4");
        assertThat(AgiCommands.waitForDigit(10_000)).isEqualTo("WAIT FOR DIGIT 10000");
        assertThat(AgiCommands.setVariable("IVR_CHOICE", "123")).isEqualTo("SET VARIABLE IVR_CHOICE \"123\"");
        assertThat(AgiCommands.getVariable("IVR_CHOICE")).isEqualTo("GET VARIABLE IVR_CHOICE");
        assertThat(AgiCommands.getVariable("${CALLERID(num)}-${CHANNEL(language)}"))
                .isEqualTo("GET FULL VARIABLE \"${CALLERID(num)}-${CHANNEL(language)}\"");
        assertThat(AgiCommands.exec("Playback", "beep")).isEqualTo("EXEC Playback beep");
        assertThat(AgiCommands.exec("Set", "X_TEST=a,b")).isEqualTo("EXEC Set \"X_TEST=a,b\"");
    }

    @Test
    void theHotlineCommandsHaveTheirDocumentedForm() {
        assertThat(AgiCommands.dial("PJSIP/1001", 20, "1795376215.71"))
                .isEqualTo("EXEC Dial \"PJSIP/1001,20,tU(hotline-answered^1795376215.71)\"");
        assertThat(AgiCommands.startMusicOnHold(null)).isEqualTo("EXEC StartMusicOnHold");
        assertThat(AgiCommands.startMusicOnHold("hotline")).isEqualTo("EXEC StartMusicOnHold hotline");
        assertThat(AgiCommands.stopMusicOnHold()).isEqualTo("EXEC StopMusicOnHold");
        assertThat(AgiCommands.sayDigits("4000")).isEqualTo("SAY DIGITS 4000 \"\"");
        assertThat(AgiCommands.sayNumber(12)).isEqualTo("SAY NUMBER 12 \"\"");
        assertThat(AgiCommands.setVariable("X", null)).isEqualTo("SET VARIABLE X \"\"");
    }

    @Test
    void quotedValuesEscapeQuotesAndBackslashes() {
        assertThat(AgiCommands.setVariable("NOTE", "say \"hi\" \\ bye"))
                .isEqualTo("SET VARIABLE NOTE \"say \\\"hi\\\" \\\\ bye\"");
    }

    @Test
    void aLineBreakCannotSmuggleASecondCommand() {
        assertThatThrownBy(() -> AgiCommands.setVariable("X", "1\nHANGUP"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> AgiCommands.getVariable("X\rHANGUP")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> AgiCommands.streamFile("a b", "")).isInstanceOf(ValidationException.class);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> AgiCommands.dial("PJSIP/1001,30,G(x)", 20, "1.2"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("device");
        assertThatThrownBy(() -> AgiCommands.dial("PJSIP/1001", 20, "1.2)^x"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("call id");
        assertThatThrownBy(() -> AgiCommands.streamFile("welcome", "12a"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("escape digits");
        assertThatThrownBy(() -> AgiCommands.sayDigits("12 3")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> AgiCommands.startMusicOnHold("a;b")).isInstanceOf(ValidationException.class);
    }
}
