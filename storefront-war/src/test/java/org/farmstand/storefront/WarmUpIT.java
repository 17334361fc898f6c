package org.farmstand.storefront;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node warm-up on Payara, as a load balancer sees it: the first readiness probe starts it and finds the node not
 * ready (check {@code warm-up} DOWN); it ends by itself when its time is up, and the node is ready; it sent requests,
 * all answered 200, created no HTTP session and passed the admission gate untouched; after it, visitors go through
 * the gate as always. The other test classes run with the warm-up off (arquillian.xml); this deployment turns it on
 * with a config source of a higher ordinal than the system properties.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WarmUpIT {

    static final int SECONDS = 8;
    static final Pattern WARM_UP_CHECK = Pattern.compile("\\{\"name\":\"warm-up\",\"status\":\"(UP|DOWN)\",\"data\":\\{([^}]*)}");
    static final Pattern DATA = Pattern.compile("\"([^\"]+)\":\"([^\"]*)\"");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StorefrontDeployment.war()
                .addClasses(WarmUpProbe.class, WarmUpProbe.Sessions.class)
                .addAsResource(new StringAsset("config_ordinal=500\n"
                        + "farmstand.warmup.enabled=true\n"
                        + "farmstand.warmup.seconds=" + SECONDS + "\n"
                        + "farmstand.warmup.max-requests=1000000\n"), "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    URL base;

    /** No cookie handler: like a load balancer's probe. */
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String path) throws Exception {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return http.send(HttpRequest.newBuilder(URI.create(root).resolve(path)).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    record Check(String status, Map<String, String> data) {
    }

    static Check warmUpCheck(String health) {
        Matcher check = WARM_UP_CHECK.matcher(health);
        assertThat(check.find()).as("check warm-up in %s", health).isTrue();
        Map<String, String> data = new HashMap<>();
        Matcher pair = DATA.matcher(check.group(2));
        while (pair.find()) {
            data.put(pair.group(1), pair.group(2));
        }
        return new Check(check.group(1), data);
    }

    /** {sessions created, requests admitted by the gate} since the deployment. */
    long[] probe() throws Exception {
        String[] values = get("_test/warm-up").body().strip().split(" ");
        return new long[] {Long.parseLong(values[0]), Long.parseLong(values[1])};
    }

    @Test
    void theFirstProbeFindsTheNodeWarmingUpAndItIsReadyWhenTheWarmUpEndsByItself() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> first = get("health/ready");
        assertThat(first.statusCode()).isEqualTo(503);
        Check running = warmUpCheck(first.body());
        assertThat(running.status()).isEqualTo("DOWN");
        assertThat(running.data().get("phase")).isEqualTo("running");

        HttpResponse<String> ready = first;
        long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS + 60).toNanos();
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            ready = get("health/ready");
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(SECONDS - 1));
        Check done = warmUpCheck(ready.body());
        assertThat(done.status()).isEqualTo("UP");
        assertThat(done.data()).containsEntry("errors", "0").containsEntry("sessions", "0");
        long requests = Long.parseLong(done.data().get("requests"));
        assertThat(requests).isGreaterThan(20);
        // ended: the phase says so, and no request is added later
        assertThat(done.data().get("phase")).isIn("done", "running");
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Check after = warmUpCheck(get("health/ready").body());
        while (!"done".equals(after.data().get("phase")) && System.nanoTime() < until) {
            Thread.sleep(100);
            after = warmUpCheck(get("health/ready").body());
        }
        // the result is written when the pass has ended, which may be just after readiness turned UP at the deadline
        assertThat(after.data()).containsEntry("phase", "done").containsEntry("result", "time limit");
        Thread.sleep(500);
        assertThat(warmUpCheck(get("health/ready").body()).data().get("requests"))
                .isEqualTo(after.data().get("requests"));

        long[] counters = probe();
        assertThat(counters[0]).as("sessions created").isZero();
        assertThat(counters[1]).as("requests through the admission gate").isZero();

        // a visitor afterwards goes through the gate as before
        assertThat(get("s/sonnenhof/").statusCode()).isEqualTo(200);
        assertThat(probe()[1]).isEqualTo(1);
    }
}
