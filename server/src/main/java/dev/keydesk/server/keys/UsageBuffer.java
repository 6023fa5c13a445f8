package dev.keydesk.server.keys;

import dev.keydesk.server.storage.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts key uses in memory and writes them to the database in one transaction every
 * {@value #FLUSH_MILLIS} ms (and on close), so that an authenticated request costs no write of
 * its own. Readers of key objects go through {@link #read}, which overlays the uses not yet
 * written: a GET right after a use sees it. The lock makes "database + overlay" consistent with
 * a flush that moves counts from one to the other.
 */
public final class UsageBuffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageBuffer.class);
    static final long FLUSH_MILLIS = 200;

    private static final class Pending {
        long day;
        long today;
        long month;
        long thisMonth;
        long lastUsed;
        String lastIp;
        boolean removed;
    }

    private record Snapshot(String keyId, long day, long today, long month, long thisMonth, long lastUsed,
            String lastIp) {}

    private final Database db;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final ScheduledExecutorService flusher;

    public UsageBuffer(Database db) {
        this.db = db;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keydesk-usage-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Counts one use of a key at {@code now} from {@code ip}. */
    public void record(String keyId, long now, String ip) {
        long day = KeyRecord.dayOf(now);
        long month = KeyRecord.monthOf(now);
        while (true) {
            Pending p = pending.computeIfAbsent(keyId, k -> new Pending());
            synchronized (p) {
                if (p.removed) {
                    continue; // a flush just retired this entry: start a new one
                }
                add(p, day, month, now, ip);
                return;
            }
        }
    }

    private static void add(Pending p, long day, long month, long now, String ip) {
        if (p.day != day) {
            p.day = day;
            p.today = 0;
        }
        if (p.month != month) {
            p.month = month;
            p.thisMonth = 0;
        }
        p.today++;
        p.thisMonth++;
        if (now >= p.lastUsed) {
            p.lastUsed = now;
            p.lastIp = ip;
        }
    }

    /** The address of the key's latest use, counting uses not yet written. */
    public String lastIp(KeyRecord k) {
        Pending p = pending.get(k.id());
        if (p != null) {
            synchronized (p) {
                if (p.lastIp != null) {
                    return p.lastIp;
                }
            }
        }
        return k.lastUsedIp();
    }

    /** Runs a database read whose key rows are then brought up to date with {@link #overlay}. */
    public <T> T read(Supplier<T> databaseRead) {
        lock.readLock().lock();
        try {
            return databaseRead.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The row as it will be once pending uses are written. Call on rows read inside {@link #read}. */
    public KeyRecord overlay(KeyRecord k) {
        Pending p = pending.get(k.id());
        if (p == null) {
            return k;
        }
        synchronized (p) {
            if (p.today == 0 && p.thisMonth == 0) {
                return k;
            }
            long today = (k.usageDay() == p.day ? k.requestsToday() : 0) + p.today;
            long month = (k.usageMonth() == p.month ? k.requestsThisMonth() : 0) + p.thisMonth;
            boolean later = k.lastUsed() == null || p.lastUsed >= k.lastUsed();
            return new KeyRecord(k.seq(), k.id(), k.name(), k.description(), k.prefix(), k.secretHash(), k.type(),
                    k.status(), k.permissions(), k.createdAt(), k.createdBy(), k.expiresAt(), k.revokedAt(), k.revokedBy(),
                    later ? Long.valueOf(p.lastUsed) : k.lastUsed(), later ? p.lastIp : k.lastUsedIp(),
                    p.day, today, p.month, month, k.version());
        }
    }

    /** Writes pending uses in one transaction. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            List<Snapshot> batch = new ArrayList<>();
            for (Map.Entry<String, Pending> e : pending.entrySet()) {
                Pending p = e.getValue();
                synchronized (p) {
                    if (p.today > 0 || p.thisMonth > 0) {
                        batch.add(new Snapshot(e.getKey(), p.day, p.today, p.month, p.thisMonth, p.lastUsed, p.lastIp));
                    }
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            db.writeVoid(h -> {
                var update = h.prepareBatch("UPDATE api_keys SET "
                        + "last_used = CASE WHEN last_used IS NULL OR last_used <= :lastUsed THEN :lastUsed ELSE last_used END, "
                        + "last_used_ip = CASE WHEN last_used IS NULL OR last_used <= :lastUsed THEN :ip ELSE last_used_ip END, "
                        + "requests_today = CASE WHEN usage_day = :day THEN requests_today + :today ELSE :today END, "
                        + "usage_day = :day, "
                        + "requests_this_month = CASE WHEN usage_month = :month THEN requests_this_month + :thisMonth "
                        + "ELSE :thisMonth END, usage_month = :month WHERE id = :id");
                for (Snapshot s : batch) {
                    update.bind("lastUsed", s.lastUsed()).bind("ip", s.lastIp()).bind("day", s.day())
                            .bind("today", s.today()).bind("month", s.month()).bind("thisMonth", s.thisMonth())
                            .bind("id", s.keyId()).add();
                }
                update.execute();
            });
            for (Snapshot s : batch) {
                Pending p = pending.get(s.keyId());
                synchronized (p) {
                    if (p.day == s.day()) {
                        p.today -= s.today();
                    }
                    if (p.month == s.month()) {
                        p.thisMonth -= s.thisMonth();
                    }
                    if (p.today == 0 && p.thisMonth == 0) {
                        p.removed = true;
                        pending.remove(s.keyId(), p);
                    }
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not write key usage yet ({}); will retry", e.getClass().getSimpleName());
        }
    }

    /** Stops the background writer and writes what is left. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
