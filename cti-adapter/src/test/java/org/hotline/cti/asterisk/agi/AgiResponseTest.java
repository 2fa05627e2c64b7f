package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgiResponseTest {
    private static AgiResponse parse(String line) {
        return AgiResponse.parse(line, List.of(line), "TEST");
    }

    @Test
    void resultsExtrasAndAttributesAreRead() {
        AgiResponse key = parse("200 result=49 endpos=13760");
        assertThat(key.status()).isEqualTo(200);
        assertThat(key.resultCode("TEST")).isEqualTo(49);
        assertThat(key.attribute("endpos")).isEqualTo("13760");
        assertThat(key.extra()).isNull();

        AgiResponse value = parse("200 result=1 (13800138000-en)");
        assertThat(value.result()).isEqualTo("1");
        assertThat(value.extra()).isEqualTo("13800138000-en");

        assertThat(parse("200 result=1 (a (nested) value)").extra()).isEqualTo("a (nested) value");
        assertThat(parse("200 result=1 ()").extra()).isEmpty();
        assertThat(parse("200 result= (timeout)").result()).isEmpty();
        assertThat(parse("200 result=12 (timeout)").result()).isEqualTo("12");
        assertThat(parse("200 result=-1 endpos=30560").resultCode("TEST")).isEqualTo(-1);
    }

    @Test
    void errorStatusesAreRecognised() {
        assertThat(parse("511 Command Not Permitted on a dead channel or intercept routine").status()).isEqualTo(511);
        assertThat(parse("510 Invalid or unknown command").status()).isEqualTo(510);
        assertThat(parse("520 Invalid command syntax.  Proper usage not available.").status()).isEqualTo(520);
        assertThat(parse("520-Invalid command syntax.  Proper usage follows:").status()).isEqualTo(520);
    }

    @Test
    void aLineWithoutStatusIsAProtocolError() {
        assertThatThrownBy(() -> parse("garbage")).isInstanceOf(AgiProtocolException.class)
                .hasMessageContaining("'garbage'").hasMessageContaining("TEST");
        assertThatThrownBy(() -> parse("2000 result=1")).isInstanceOf(AgiProtocolException.class);
        assertThatThrownBy(() -> parse("200 result=abc").resultCode("WAIT FOR DIGIT 10"))
                .isInstanceOf(AgiProtocolException.class).hasMessageContaining("no numeric result");
    }
}
