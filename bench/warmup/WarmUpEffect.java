import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast a node serves right after it reports ready (bench/warmup/warmup-effect.sh starts it): waits until
 * {@code /health/ready} answers 200 (polling every 100 ms, from the moment it starts), then USERS cookieless clients
 * without think time request catalog pages of one shop for SECONDS and print the requests served per window.
 * The mix: shop home, a category, a product page, a product image, the sign-in page (all page-cached after the
 * first request) and a random search (rendered every time, a page the warm-up never asks for). A queue page is
 * counted apart. Also prints the CPU of Payara (the process listening on PORT, found in /proc) and of its JIT
 * compiler threads ("C1/C2 CompilerThre…"; threads that ended take their time with them) up to ready and during the
 * load. Only 127.0.0.1; every request has a timeout; ends by itself.
 *
 * <pre>java bench/warmup/WarmUpEffect.java PORT [SECONDS=20] [USERS=8] [WINDOW_S=5] [SLUG=sonnenhof]</pre>
 */
public class WarmUpEffect {

    static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String slug = args.length > 4 ? args[4] : "sonnenhof";
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

        long t0 = System.nanoTime();
        long readyDeadline = t0 + Duration.ofMinutes(5).toNanos();
        while (true) {
            try {
                if (http.send(get(base + "/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > readyDeadline) {
                throw new IllegalStateException("not ready within 5 minutes");
            }
            Thread.sleep(100);
        }
        System.out.printf("ready %.1f s after this program started%n", (System.nanoTime() - t0) / 1e9);
        long pid = payaraPid(port);
        double[] cpuAtReady = cpu(pid);
        System.out.printf("Payara (pid %d) CPU up to ready: %.1f s, of it JIT compiler threads %.1f s%n", pid,
                cpuAtReady[0], cpuAtReady[1]);

        List<String> pages = discover(http, base, "/s/" + slug);
        System.out.println("pages: " + pages + " + /s/" + slug + "/products?q=<random>");

        int windows = (seconds + window - 1) / window;
        AtomicLongArray served = new AtomicLongArray(windows);
        AtomicLongArray queued = new AtomicLongArray(windows);
        AtomicLongArray failed = new AtomicLongArray(windows);
        AtomicLongArray latencyMicros = new AtomicLongArray(windows);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int i = random.nextInt(pages.size() + 1);
                while (System.nanoTime() < end) {
                    String path = i % (pages.size() + 1) == pages.size()
                            ? "/s/" + slug + "/products?q=" + randomWord(random) : pages.get(i % (pages.size() + 1));
                    i++;
                    long sent = System.nanoTime();
                    int w = (int) Math.min(windows - 1, (sent - start) / Duration.ofSeconds(window).toNanos());
                    try {
                        HttpResponse<Void> r = http.send(get(base + path), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200 && r.headers().firstValue("X-Farmstand-Queue").isPresent()) {
                            queued.incrementAndGet(w);
                        } else if (r.statusCode() == 200) {
                            served.incrementAndGet(w);
                            latencyMicros.addAndGet(w, (System.nanoTime() - sent) / 1000);
                        } else {
                            failed.incrementAndGet(w);
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet(w);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double[] cpuAfter = cpu(pid);
        System.out.printf("Payara CPU during the load: %.1f s, of it JIT compiler threads %.1f s%n",
                cpuAfter[0] - cpuAtReady[0], cpuAfter[1] - cpuAtReady[1]);
        long total = 0;
        for (int w = 0; w < windows; w++) {
            long n = served.get(w);
            total += n;
            System.out.printf("  %3d-%3d s: %7.1f req/s served (mean %6.1f ms), %d queue pages, %d failed%n",
                    w * window, Math.min(seconds, (w + 1) * window), n / (double) window,
                    n == 0 ? 0.0 : latencyMicros.get(w) / 1000.0 / n, queued.get(w), failed.get(w));
        }
        System.out.printf("RESULT served_per_s=%.1f over the first %d s%n", total / (double) seconds, seconds);
    }

    /** The Payara Micro process started with {@code --port PORT}. */
    static long payaraPid(int port) throws java.io.IOException {
        try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(java.nio.file.Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains("payara-micro.jar") && cmd.contains("--port " + port + " ")) {
                        return Long.parseLong(proc.getFileName().toString());
                    }
                } catch (java.io.IOException e) {
                    // gone
                }
            }
        }
        throw new IllegalStateException("no Payara process with --port " + port);
    }

    /** {process CPU, compiler threads' CPU} in seconds (utime + stime, 100 ticks per second). */
    static double[] cpu(long pid) throws java.io.IOException {
        double process = ticks(java.nio.file.Path.of("/proc/" + pid + "/stat")) / 100.0;
        double jit = 0;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + pid + "/task"))) {
            for (java.nio.file.Path task : tasks.toList()) {
                try {
                    String comm = java.nio.file.Files.readString(task.resolve("comm")).strip();
                    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                        jit += ticks(task.resolve("stat")) / 100.0;
                    }
                } catch (java.io.IOException e) {
                    // thread ended
                }
            }
        }
        return new double[] {process, jit};
    }

    static long ticks(java.nio.file.Path stat) throws java.io.IOException {
        String text = java.nio.file.Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    static String randomWord(Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    /** Shop home, the first category, product page and product image linked from the home page, the sign-in page. */
    static List<String> discover(HttpClient http, String base, String prefix) throws Exception {
        String home = http.send(get(base + prefix + "/"), HttpResponse.BodyHandlers.ofString()).body();
        String category = null;
        String product = null;
        String image = null;
        Matcher m = HREF.matcher(home);
        while (m.find()) {
            String url = m.group(1).replace("&amp;", "&");
            if (category == null && url.startsWith(prefix + "/products?category=")) {
                category = url;
            } else if (product == null && url.matches(Pattern.quote(prefix) + "/products/[A-Za-z0-9_.-]+")) {
                product = url;
            } else if (image == null && url.startsWith(prefix + "/media/")) {
                image = url;
            }
        }
        List<String> pages = new ArrayList<>(List.of(prefix + "/", prefix + "/account/login"));
        for (String page : new String[] {category, product, image}) {
            if (page != null) {
                pages.add(page);
            }
        }
        return pages;
    }
}
