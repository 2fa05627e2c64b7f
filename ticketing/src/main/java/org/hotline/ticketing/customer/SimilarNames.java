package org.hotline.ticketing.customer;

import java.text.Normalizer;
import java.util.Locale;

/**
 * When two customer names are probably the same person typed twice: equal after normalising (full-width letters and
 * digits to half-width, case, every space removed: "Li Lei", "li lei" and "ＬＩ　ＬＥＩ" are one name), or, for names of
 * at least three characters, one typo apart (one character added, left out or changed: 欧阳娜娜 / 欧阳那娜). Two-character
 * names are common in Chinese (王伟, 王玮 are different people), so they must match exactly.
 */
final class SimilarNames {
    static final int TYPO_MIN_LENGTH = 3;

    private SimilarNames() {
    }

    /** The comparison form of a name: NFKC (full-width to half-width), lower case, without whitespace. */
    static String normalise(String name) {
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(nfkc.length());
        nfkc.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    static boolean similar(String a, String b) {
        int[] x = normalise(a).codePoints().toArray();
        int[] y = normalise(b).codePoints().toArray();
        if (java.util.Arrays.equals(x, y)) {
            return true;
        }
        return Math.min(x.length, y.length) >= TYPO_MIN_LENGTH && withinOneEdit(x, y);
    }

    /** Levenshtein distance ≤ 1, in one pass. */
    private static boolean withinOneEdit(int[] x, int[] y) {
        if (Math.abs(x.length - y.length) > 1) {
            return false;
        }
        int[] longer = x.length >= y.length ? x : y;
        int[] shorter = longer == x ? y : x;
        int i = 0;
        int j = 0;
        boolean edited = false;
        while (i < longer.length && j < shorter.length) {
            if (longer[i] == shorter[j]) {
                i++;
                j++;
                continue;
            }
            if (edited) {
                return false;
            }
            edited = true;
            i++;
            if (longer.length == shorter.length) {
                j++;
            }
        }
        return true;
    }
}
