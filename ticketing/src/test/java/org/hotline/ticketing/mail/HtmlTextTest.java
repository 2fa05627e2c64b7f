package org.hotline.ticketing.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an HTML-only mail's text becomes on the ticket, one row per case: no markup, no script, readable text. */
class HtmlTextTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "<p>屏幕<b>碎了</b></p>                                  | 屏幕碎了",
        "<script>alert('x')</script>请处理                        | 请处理",
        "<style>p {color: red}</style><p>退款</p>                 | 退款",
        "<!-- hidden --><div>A &amp; B &lt;ok&gt;</div>           | A & B <ok>",
        "&#21457;&#31080; &#x4e22;&#x5931;                        | 发票 丢失",
        "<img src=x onerror=alert(1)>没有图片                      | 没有图片",
        "&#0;&#xD800;x                                            | x",
        "'line one<br>line two'                                   | 'line one\nline two'",
    })
    void anHtmlBodyBecomesPlainText(String html, String text) {
        assertThat(HtmlText.strip(html.replace("\\n", "\n"))).isEqualTo(text.replace("\\n", "\n").strip());
    }
}
