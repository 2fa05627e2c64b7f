package org.hotline.ticketing.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which names the duplicate check offers as "probably the same customer": one row per rule. */
class SimilarNamesTest {
    @ParameterizedTest(name = "{0} / {1} similar: {2}")
    @CsvSource(delimiter = '|', value = {
            "欧阳娜娜      | 欧阳娜娜    | true",   // the same
            "李 雷         | 李雷        | true",   // a space typed in the middle
            "'  李雷  '    | 李雷        | true",   // spaces around
            "李　雷        | 李雷        | true",   // an ideographic (full-width) space
            "Li Lei        | li lei      | true",   // case
            "ＬＩ　ＬＥＩ  | Li Lei      | true",   // full-width letters
            "欧阳娜娜      | 欧阳那娜    | true",   // one character changed, four characters
            "欧阳娜娜      | 欧阳娜      | true",   // one character left out, three remain
            "诸葛亮        | 诸葛亮亮    | true",   // one character added
            "Hanmeimei     | Hanmeimie   | false",  // two characters changed (a swap is two edits)
            "王伟          | 王玮        | false",  // two characters: must match exactly
            "王伟          | 王伟伟      | false",  // the shorter name has two characters
            "欧阳娜娜      | 欧阳明月    | false",  // two changes
            "李雷          | 韩梅梅      | false"})
    void namesAreSimilarWhenEqualAfterNormalisingOrOneTypoApart(String a, String b, boolean similar) {
        assertThat(SimilarNames.similar(a, b)).isEqualTo(similar);
        assertThat(SimilarNames.similar(b, a)).isEqualTo(similar);
    }
}
