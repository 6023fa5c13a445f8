package dev.keydesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.ApiKey;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Listing many keys through the typed client (HTTP, JSON into immutable models, paging) against
 * plain GETs of the very same pages read as bytes: what the client's work costs above the wire.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Time to list N keys through the client versus raw HTTP GETs of the same pages.")
final class ListKeysBench implements Runnable {

    /** What {@code KeyApi.listAllKeys} asks for: the contract's largest page, to spare the rate budget. */
    private static final int CLIENT_PAGE_SIZE = 1000;

    @Option(names = "--keys", defaultValue = "10000", description = "keys on the server (default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--runs", defaultValue = "10", description = "measured runs of each (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "5", description = "warm-up runs of each (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public void run() {
        System.out.printf(Locale.ROOT, "list: %,d keys, %d cores, Java %s%n",
                keys, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        long t0 = System.nanoTime();
        try (BenchServer bench = new BenchServer(keys); KeyApi api = bench.client(bench.admin())) {
            System.out.printf(Locale.ROOT, "  server with %,d demo keys ready in %.1f s%n",
                    keys, (System.nanoTime() - t0) / 1e9);
            OkHttpClient http = new OkHttpClient();
            String authorization = "Bearer " + bench.admin().reveal();
            List<HttpUrl> pages = discoverPages(http, bench, authorization);
            System.out.printf(Locale.ROOT, "  the client's walk is %d pages%n", pages.size());

            double[] client = new double[runs];
            double[] raw = new double[runs];
            int count = 0;
            for (int i = 0; i < warmup + runs; i++) {
                long start = System.nanoTime();
                List<ApiKey> all = api.listAllKeys(n -> { });
                double clientMs = (System.nanoTime() - start) / 1e6;
                count = all.size();
                start = System.nanoTime();
                long bytes = 0;
                for (HttpUrl page : pages) {
                    bytes += get(http, page, authorization).length;
                }
                double rawMs = (System.nanoTime() - start) / 1e6;
                if (i >= warmup) {
                    client[i - warmup] = clientMs;
                    raw[i - warmup] = rawMs;
                }
                if (i == warmup) {
                    System.out.printf(Locale.ROOT, "  %,d keys, %,d bytes of JSON per walk%n", count, bytes);
                }
            }
            Stats c = new Stats(client);
            Stats r = new Stats(raw);
            System.out.printf(Locale.ROOT, "RESULT list: client %s; raw GETs %s; client/raw = %.2f%n",
                    c.describe(), r.describe(), c.median() / r.median());
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /**
     * The pages the client fetches: the same limit and cursors, found once by a walk that parses
     * only the cursor, so the measured raw run does no JSON work at all.
     */
    private static List<HttpUrl> discoverPages(OkHttpClient http, BenchServer bench, String authorization) {
        ObjectMapper json = new ObjectMapper();
        HttpUrl base = HttpUrl.get(bench.server().baseUri() + "/v1/api-keys").newBuilder()
                .addQueryParameter("limit", String.valueOf(CLIENT_PAGE_SIZE)).build();
        List<HttpUrl> pages = new ArrayList<>();
        HttpUrl next = base;
        try {
            while (next != null) {
                pages.add(next);
                JsonNode page = json.readTree(get(http, next, authorization));
                JsonNode cursor = page.path("next_cursor");
                next = page.path("has_more").asBoolean() && cursor.isTextual()
                        ? base.newBuilder().addQueryParameter("cursor", cursor.asText()).build()
                        : null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }


    private static byte[] get(OkHttpClient http, HttpUrl url, String authorization) {
        Request request = new Request.Builder().url(url).header("Authorization", authorization).build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("GET " + url.encodedPath() + " answered " + response.code());
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
