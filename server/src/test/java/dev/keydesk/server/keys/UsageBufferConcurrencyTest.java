package dev.keydesk.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keydesk.server.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No use is lost or counted twice while flushes move counters from memory to the database. */
class UsageBufferConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void countsSurviveConcurrentFlushes() throws Exception {
        long now = Instant.parse("2030-05-05T12:00:00Z").getEpochSecond();
        try (Database db = Database.open(dir)) {
            UsageBuffer buffer = new UsageBuffer(db, Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
            int threads = 4;
            int perThread = 5000;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String ip = "10.0.0." + (t % 2);
                Thread w = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        buffer.record("key_a", now, ip);
                        buffer.exercise("key_a", now, i % 2 == 0 ? "datasets:read" : "jobs:write");
                    }
                });
                w.start();
                workers.add(w);
            }
            Thread flusher = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    buffer.flush();
                }
            });
            go.countDown();
            flusher.start();
            for (Thread w : workers) {
                w.join();
            }
            flusher.join();
            buffer.close();
            long total = db.read(h -> h.createQuery("SELECT SUM(requests) FROM key_usage_daily WHERE key_id = 'key_a'")
                    .mapTo(Long.class).one());
            long perms = db.read(h -> h.createQuery("SELECT SUM(requests) FROM key_permission_daily WHERE key_id = 'key_a'")
                    .mapTo(Long.class).one());
            long reads = db.read(h -> h.createQuery("SELECT requests FROM key_permission_daily WHERE key_id = 'key_a' "
                    + "AND permission = 'datasets:read'").mapTo(Long.class).one());
            long addrs = db.read(h -> h.createQuery("SELECT SUM(requests) FROM key_address_daily WHERE key_id = 'key_a'")
                    .mapTo(Long.class).one());
            assertThat(total).isEqualTo(threads * perThread);
            assertThat(perms).isEqualTo(threads * perThread);
            assertThat(reads).isEqualTo(threads * perThread / 2);
            assertThat(addrs).isEqualTo(threads * perThread);
            assertThat(buffer.pendingCounters("key_a")).isEmpty();
        }
    }
}
