package org.farmstand.storefront.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class QueuePageTest {

    static String page(Locale locale, String target, long position, int retry) {
        return new String(QueuePage.render(locale, target, position, retry), StandardCharsets.UTF_8);
    }

    @Test
    void thePageIsInTheVisitorsLanguageAndLeadsBackToWhereTheyWanted() {
        String english = page(Locale.ENGLISH, "/s/sonnenhof/products?lang=en", 17, 5);
        assertThat(english).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\"", "You are in the queue",
                "Your place in the queue: 17", "refreshes itself in 5 seconds",
                "<meta http-equiv=\"refresh\" content=\"5;url=/s/sonnenhof/products?lang=en\"/>",
                "<a href=\"/s/sonnenhof/products?lang=en\">");
        String german = page(Locale.GERMAN, "/s/sonnenhof/", 1234, 12);
        assertThat(german).contains("<html lang=\"de\"", "Sie sind in der Warteschlange",
                "Ihr Platz in der Warteschlange: 1.234", "lädt sich in 12 Sekunden neu");
    }

    /** A path that would be another host in a link ({@code //evil.example/..}) leads back to this site. */
    @Test
    void thePageLeadsOnlyToThisSite() {
        assertThat(QueuePage.onThisSite("/s/sonnenhof/products")).isEqualTo("/s/sonnenhof/products");
        assertThat(QueuePage.onThisSite("//evil.example/%2e%2e/s/sonnenhof/"))
                .isEqualTo("/evil.example/%2e%2e/s/sonnenhof/");
        assertThat(QueuePage.onThisSite("/\\evil.example/")).isEqualTo("/evil.example/");
        assertThat(QueuePage.onThisSite("")).isEqualTo("/");
        assertThat(page(Locale.ENGLISH, QueuePage.onThisSite("///evil.example/x"), 1, 1))
                .doesNotContain("//evil").contains("url=/evil.example/x\"");
    }

    @Test
    void whatTheVisitorSentIsEscaped() {
        String page = page(Locale.ENGLISH, "/s/x/products?q=\"><script>alert('x')</script>&a=1", 1, 1);
        assertThat(page).doesNotContain("<script>")
                .contains("?q=&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;a=1");
        assertThat(QueuePage.escape("plain text")).isEqualTo("plain text");
        assertThat(QueuePage.escape("a<b")).isEqualTo("a&lt;b");
    }

    @Test
    void concurrentVisitorsEachGetTheirOwnPlace() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                Callable<Boolean> task = () -> {
                    for (int i = 0; i < 500; i++) {
                        long position = thread * 1_000L + i;
                        if (!page(Locale.ENGLISH, "/s/a/", position, 3).contains("Your place in the queue: "
                                + String.format(Locale.ENGLISH, "%,d", position) + "</p>")) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(pool.submit(task));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
