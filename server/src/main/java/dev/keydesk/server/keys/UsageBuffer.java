package dev.keydesk.server.keys;

import dev.keydesk.server.storage.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts key uses in memory and writes them to the database in one transaction every
 * {@value #FLUSH_MILLIS} ms (and on close), so that an authenticated request costs no write of
 * its own. Readers of key objects go through {@link #read}, which overlays the uses not yet
 * written: a GET right after a use sees it. The lock makes "database + overlay" consistent with
 * a flush that moves counts from one to the other. Besides the key's own counters it keeps, per
 * day, the requests of the key, of each permission it exercised and of each address it came
 * from: the history behind {@code GET /v1/api-keys/{id}/usage}, kept {@value #HISTORY_DAYS} days.
 */
public final class UsageBuffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageBuffer.class);
    static final long FLUSH_MILLIS = 200;

    /** Days of per-permission, per-address and daily history kept. */
    public static final int HISTORY_DAYS = 90;

    /** What a counter counts: a key's requests on a day, its uses of a permission, or from an address. */
    enum Kind { DAY, PERMISSION, ADDRESS }

    /** One counter of a key: kind, permission or address ("" for DAY), and the Unix day. */
    record Counter(Kind kind, String name, long day) {}

    /** A counter's pending count and the latest use it saw. */
    static final class Tally {
        long count;
        long last;

        Tally(long count, long last) {
            this.count = count;
            this.last = last;
        }
    }

    private static final class Pending {
        long day;
        long today;
        long month;
        long thisMonth;
        long lastUsed;
        String lastIp;
        boolean removed;
        final HashMap<Counter, Tally> counters = new HashMap<>(8);
        // The counter each kind last counted into: a busy key's next request usually hits the
        // same day, address and permission, and then costs no hashing.
        final Counter[] recent = new Counter[Kind.values().length];
        final Tally[] recentTally = new Tally[Kind.values().length];
    }

    private record Snapshot(String keyId, long day, long today, long month, long thisMonth, long lastUsed,
            String lastIp, Map<Counter, Tally> counters) {}

    private final Database db;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final ScheduledExecutorService flusher;
    private final Clock clock;
    private long prunedDay = -1;

    public UsageBuffer(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keydesk-usage-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Counts one use of a key at {@code now} from {@code ip}: the day's total and the address's. */
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
                count(p, Kind.DAY, "", day, now);
                count(p, Kind.ADDRESS, ip, day, now);
                return;
            }
        }
    }

    /** Counts that a request of the key at {@code now} exercised {@code permission} (a concrete one). */
    public void exercise(String keyId, long now, String permission) {
        long day = KeyRecord.dayOf(now);
        while (true) {
            Pending p = pending.computeIfAbsent(keyId, k -> new Pending());
            synchronized (p) {
                if (p.removed) {
                    continue;
                }
                count(p, Kind.PERMISSION, permission, day, now);
                return;
            }
        }
    }

    private static void count(Pending p, Kind kind, String name, long day, long now) {
        int k = kind.ordinal();
        Counter recent = p.recent[k];
        Tally t;
        if (recent != null && recent.day() == day && recent.name().equals(name)) {
            t = p.recentTally[k];
        } else {
            Counter c = new Counter(kind, name, day);
            t = p.counters.get(c);
            if (t == null) {
                t = new Tally(0, now);
                p.counters.put(c, t);
            }
            p.recent[k] = c;
            p.recentTally[k] = t;
        }
        t.count++;
        t.last = Math.max(t.last, now);
    }

    /** The counters of a key not yet written (a copy). Call inside {@link #read}, like {@link #overlay}. */
    public Map<Counter, Tally> pendingCounters(String keyId) {
        Pending p = pending.get(keyId);
        if (p == null) {
            return Map.of();
        }
        synchronized (p) {
            return copy(p.counters);
        }
    }

    private static Map<Counter, Tally> copy(Map<Counter, Tally> counters) {
        Map<Counter, Tally> out = new HashMap<>(counters.size() * 2);
        counters.forEach((c, t) -> out.put(c, new Tally(t.count, t.last)));
        return out;
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
                    if (p.today > 0 || p.thisMonth > 0 || !p.counters.isEmpty()) {
                        batch.add(new Snapshot(e.getKey(), p.day, p.today, p.month, p.thisMonth, p.lastUsed, p.lastIp,
                                copy(p.counters)));
                    }
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            db.writeVoid(h -> {
                writeCounters(h, batch);
                var update = h.prepareBatch("UPDATE api_keys SET "
                        + "last_used = CASE WHEN last_used IS NULL OR last_used <= :lastUsed THEN :lastUsed ELSE last_used END, "
                        + "last_used_ip = CASE WHEN last_used IS NULL OR last_used <= :lastUsed THEN :ip ELSE last_used_ip END, "
                        + "requests_today = CASE WHEN usage_day = :day THEN requests_today + :today ELSE :today END, "
                        + "usage_day = :day, "
                        + "requests_this_month = CASE WHEN usage_month = :month THEN requests_this_month + :thisMonth "
                        + "ELSE :thisMonth END, usage_month = :month WHERE id = :id");
                boolean any = false;
                for (Snapshot s : batch) {
                    if (s.today() == 0 && s.thisMonth() == 0) {
                        continue; // only permission counters are pending for this key
                    }
                    any = true;
                    update.bind("lastUsed", s.lastUsed()).bind("ip", s.lastIp()).bind("day", s.day())
                            .bind("today", s.today()).bind("month", s.month()).bind("thisMonth", s.thisMonth())
                            .bind("id", s.keyId()).add();
                }
                if (any) {
                    update.execute();
                }
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
                    s.counters().forEach((c, written) -> {
                        Tally t = p.counters.get(c);
                        if (t != null) {
                            t.count -= written.count;
                            if (t.count <= 0) {
                                p.counters.remove(c);
                            }
                        }
                    });
                    for (int k = 0; k < p.recent.length; k++) {
                        if (p.recent[k] != null && !p.counters.containsKey(p.recent[k])) {
                            p.recent[k] = null;
                            p.recentTally[k] = null;
                        }
                    }
                    if (p.today == 0 && p.thisMonth == 0 && p.counters.isEmpty()) {
                        p.removed = true;
                        pending.remove(s.keyId(), p);
                    }
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds the snapshots' counters to the history tables. */
    private static void writeCounters(Handle h, List<Snapshot> batch) {
        PreparedBatch days = h.prepareBatch("INSERT INTO key_usage_daily (key_id, day, requests) "
                + "VALUES (:id, :day, :n) ON CONFLICT (key_id, day) DO UPDATE SET requests = requests + excluded.requests");
        PreparedBatch perms = h.prepareBatch("INSERT INTO key_permission_daily (key_id, permission, day, requests) "
                + "VALUES (:id, :name, :day, :n) ON CONFLICT (key_id, permission, day) "
                + "DO UPDATE SET requests = requests + excluded.requests");
        PreparedBatch permLast = h.prepareBatch("INSERT INTO key_permission_usage (key_id, permission, last_used) "
                + "VALUES (:id, :name, :last) ON CONFLICT (key_id, permission) "
                + "DO UPDATE SET last_used = MAX(last_used, excluded.last_used)");
        PreparedBatch addrs = h.prepareBatch("INSERT INTO key_address_daily (key_id, ip, day, requests) "
                + "VALUES (:id, :name, :day, :n) ON CONFLICT (key_id, ip, day) "
                + "DO UPDATE SET requests = requests + excluded.requests");
        PreparedBatch addrLast = h.prepareBatch("INSERT INTO key_addresses (key_id, ip, first_seen, last_seen) "
                + "VALUES (:id, :name, :last, :last) ON CONFLICT (key_id, ip) "
                + "DO UPDATE SET last_seen = MAX(COALESCE(last_seen, 0), excluded.last_seen)");
        int[] sizes = new int[5];
        for (Snapshot s : batch) {
            for (Map.Entry<Counter, Tally> e : s.counters().entrySet()) {
                Counter c = e.getKey();
                Tally t = e.getValue();
                switch (c.kind()) {
                    case DAY -> {
                        days.bind("id", s.keyId()).bind("day", c.day()).bind("n", t.count).add();
                        sizes[0]++;
                    }
                    case PERMISSION -> {
                        perms.bind("id", s.keyId()).bind("name", c.name()).bind("day", c.day()).bind("n", t.count).add();
                        permLast.bind("id", s.keyId()).bind("name", c.name()).bind("last", t.last).add();
                        sizes[1]++;
                    }
                    case ADDRESS -> {
                        addrs.bind("id", s.keyId()).bind("name", c.name()).bind("day", c.day()).bind("n", t.count).add();
                        addrLast.bind("id", s.keyId()).bind("name", c.name()).bind("last", t.last).add();
                        sizes[2]++;
                    }
                }
            }
        }
        if (sizes[0] > 0) {
            days.execute();
        }
        if (sizes[1] > 0) {
            perms.execute();
            permLast.execute();
        }
        if (sizes[2] > 0) {
            addrs.execute();
            addrLast.execute();
        }
    }

    /** Drops history older than {@value #HISTORY_DAYS} days; at most once a day. */
    public void prune() {
        long today = KeyRecord.dayOf(clock.instant().getEpochSecond());
        if (today == prunedDay) {
            return;
        }
        long cutoff = today - HISTORY_DAYS + 1;
        db.writeVoid(h -> {
            for (String table : List.of("key_usage_daily", "key_permission_daily", "key_address_daily")) {
                h.createUpdate("DELETE FROM " + table + " WHERE day < :cutoff").bind("cutoff", cutoff).execute();
            }
        });
        prunedDay = today;
    }

    private void flushQuietly() {
        try {
            prune();
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
