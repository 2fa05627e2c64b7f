package org.hotline.app.security;

import java.util.List;

/**
 * SQL and script payloads that every text parameter of the API must take as plain data: stored verbatim where it is
 * stored, no SQL effect, shown as text in the browser with no script run. The script payloads all try to set
 * {@code window.__xss}. Each is at most 64 characters (the shortest text field, a NOT_READY reason or a ticket
 * category, holds 64) and has no surrounding white space (text fields are trimmed). NUL and lone surrogates are bad
 * input, not data: they are in the console's {@code BadInputCorpusTest}.
 */
final class InjectionCorpus {
    static final List<String> PAYLOADS = List.of(
            // SQL
            "' OR 1=1 --",
            "'; DROP TABLE tickets; --",
            "\" OR \"\"=\"",
            "1; DELETE FROM customers",
            "%' OR '1'='1",
            "\\'; UPDATE users SET username='x' #",
            // markup and script
            "<script>window.__xss=1</script>",
            "<img src=x onerror=\"window.__xss=1\">",
            "\"><svg onload=window.__xss=1>",
            "' onmouseover='window.__xss=1' x='",
            "</td></tr><iframe src=javascript:window.__xss=1>",
            "javascript:window.__xss=1",
            "{{constructor.constructor('window.__xss=1')()}}",
            "${window.__xss=1}",
            // encodings and unicode tricks
            "&lt;script&gt;window.__xss=1&lt;/script&gt;",
            "%3Cscript%3Ewindow.__xss=1%3C/script%3E",
            "\\u003cscript\\u003ewindow.__xss=1",
            "＜script＞window.__xss=1＜／script＞",
            "\u202Efdp.exe\u202C 王\u200B小\u200D明",
            "e\u0301\u0301 𝒳𝒮𝒮 😀 中文");

    private InjectionCorpus() {
    }
}
