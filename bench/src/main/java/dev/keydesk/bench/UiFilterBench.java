package dev.keydesk.bench;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.ProfileStore;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * 100,000 keys in the app's key table model: the load the app does (every page through the typed
 * client, then the rows), the heap the rows keep, the time to re-filter per keystroke while a
 * person types a query and deletes it again, and one sort. Everything runs through the app's own
 * {@link KeyTableViewModel} (its {@code FilteredList} and {@code SortedList}), with the task runner
 * that runs at once on the calling thread; the table control on top is not part of it.
 */
@Command(name = "ui-filter", mixinStandardHelpOptions = true,
        description = "Load N keys into the key table's model; heap, time per filter keystroke, sort.")
final class UiFilterBench implements Runnable {

    @Option(names = "--keys", defaultValue = "100000", description = "keys on the server (default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--query", defaultValue = "billing", description = "typed one character at a time, then deleted (default ${DEFAULT-VALUE})")
    String query;

    @Option(names = "--runs", defaultValue = "40", description = "measured type-and-delete cycles (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "10", description = "warm-up cycles (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--loads", defaultValue = "3", description = "measured reloads after the first (default ${DEFAULT-VALUE})")
    int loads;

    /** The key table's Name column order (KeyTableView sorts names case-insensitively). */
    private static final Comparator<KeyRow> BY_NAME = Comparator.comparing(KeyRow::name, String.CASE_INSENSITIVE_ORDER);
    /** The Expires column order ("never" after every date). */
    private static final Comparator<KeyRow> BY_EXPIRY =
            Comparator.comparing(r -> r.expiresAt() == null ? Instant.MAX : r.expiresAt());

    @Override
    public void run() {
        System.out.printf(Locale.ROOT, "ui-filter: %,d keys, query \"%s\", %d cores, Java %s, max heap %,d MB%n",
                keys, query, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        long t0 = System.nanoTime();
        try (BenchServer bench = new BenchServer(keys); KeyApi api = bench.client(bench.admin())) {
            System.out.printf(Locale.ROOT, "  server with %,d demo keys ready in %.1f s%n", keys, (System.nanoTime() - t0) / 1e9);
            measureMemory(api);
            Connection connection = new Connection(ProfileStore.EMBEDDED, api, api.whoami(), api.catalog(), api.policy());
            KeyTableViewModel vm = measureLoad(connection);
            measureFilter(vm, null, "unsorted");
            measureSort(vm);
            vm.sortOrderProperty().set(BY_NAME);
            measureFilter(vm, BY_NAME, "sorted by name");
            vm.sortOrderProperty().set(null);
        }
    }

    // ---- memory --------------------------------------------------------------------------------

    /** What 100,000 keys, and then their rows, keep on the heap (a first walk warms the server and client). */
    private void measureMemory(KeyApi api) {
        api.listAllKeys(n -> { });
        long base = usedHeapAfterGc();
        long t = System.nanoTime();
        List<ApiKey> all = api.listAllKeys(n -> { });
        double listMs = (System.nanoTime() - t) / 1e6;
        long withKeys = usedHeapAfterGc();
        t = System.nanoTime();
        Instant now = Instant.now();
        List<KeyRow> rows = new ArrayList<>(all.size());
        for (ApiKey key : all) {
            rows.add(KeyRow.of(key, now));
        }
        double rowsMs = (System.nanoTime() - t) / 1e6;
        long withRows = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "  listAllKeys %,d keys: %.0f ms; building the rows: %.0f ms%n", all.size(), listMs, rowsMs);
        System.out.printf(Locale.ROOT, "RESULT ui-filter heap: the ApiKeys %.1f MB (%,d B/key); the KeyRows on top %.1f MB (%,d B/key); together %.1f MB (%,d B/key)%n",
                mb(withKeys - base), (withKeys - base) / all.size(),
                mb(withRows - withKeys), (withRows - withKeys) / all.size(),
                mb(withRows - base), (withRows - base) / all.size());
        if (rows.size() != all.size()) {
            throw new IllegalStateException("rows lost");
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    // ---- load ----------------------------------------------------------------------------------

    /** The app's load path: connecting the model loads every key and builds the rows. */
    private KeyTableViewModel measureLoad(Connection connection) {
        long base = usedHeapAfterGc();
        long t = System.nanoTime();
        KeyTableViewModel vm = new KeyTableViewModel(new FixedSession(connection), new CurrentThreadTaskRunner(),
                Clock.systemUTC());
        double firstMs = (System.nanoTime() - t) / 1e6;
        if (vm.stateProperty().get() != KeyTableViewModel.LoadState.READY || vm.rows().size() < keys) {
            throw new IllegalStateException("the model did not load: " + vm.stateProperty().get() + ", "
                    + vm.rows().size() + " rows, " + vm.errorProperty().get());
        }
        long withModel = usedHeapAfterGc();
        double[] reloads = new double[loads];
        for (int i = 0; i < loads; i++) {
            t = System.nanoTime();
            vm.refresh();
            reloads[i] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf(Locale.ROOT, "RESULT ui-filter load: %,d keys into the view model (listAllKeys + rows): first %.0f ms; reloads %s%n",
                vm.rows().size(), firstMs, new Stats(reloads).describe());
        System.out.printf(Locale.ROOT, "RESULT ui-filter heap: the loaded view model keeps %.1f MB (%,d B/key)%n",
                mb(withModel - base), (withModel - base) / vm.rows().size());
        return vm;
    }

    // ---- filter and sort -----------------------------------------------------------------------

    /** "b", "bi", … "billing", then deleting back to "b" and "" (no filter). */
    private List<String> keystrokes() {
        List<String> steps = new ArrayList<>();
        for (int i = 1; i <= query.length(); i++) {
            steps.add(query.substring(0, i));
        }
        for (int i = query.length() - 1; i >= 0; i--) {
            steps.add(query.substring(0, i));
        }
        return steps;
    }

    /**
     * Per keystroke: setting the filter text (the model sets a new predicate on its FilteredList,
     * which re-tests every row, and the SortedList follows) plus reading the visible size.
     */
    private void measureFilter(KeyTableViewModel vm, Comparator<KeyRow> order, String label) {
        List<String> steps = keystrokes();
        double[][] samples = new double[steps.size()][runs];
        int[] matches = new int[steps.size()];
        for (int cycle = 0; cycle < warmup + runs; cycle++) {
            for (int s = 0; s < steps.size(); s++) {
                long t = System.nanoTime();
                vm.filterTextProperty().set(steps.get(s));
                int n = vm.visibleRows().size();
                long elapsed = System.nanoTime() - t;
                matches[s] = n;
                if (cycle >= warmup) {
                    samples[s][cycle - warmup] = elapsed / 1e6;
                }
            }
        }
        if (order != null && !isSorted(vm, order)) {
            throw new IllegalStateException("the sorted list is out of order");
        }
        System.out.printf(Locale.ROOT, "RESULT ui-filter keystrokes (%s, %,d rows, %d cycles after %d warm-up):%n",
                label, vm.rows().size(), runs, warmup);
        System.out.printf(Locale.ROOT, "  %-12s %9s %11s %9s%n", "filter text", "matches", "median ms", "p95 ms");
        for (int s = 0; s < steps.size(); s++) {
            Stats st = new Stats(samples[s]);
            String shown = steps.get(s).isEmpty() ? "(cleared)" : (s < query.length() ? "+" : "-") + steps.get(s);
            System.out.printf(Locale.ROOT, "  %-12s %,9d %11.2f %9.2f%n", shown, matches[s], st.median(), st.percentile(95));
        }
    }

    private static boolean isSorted(KeyTableViewModel vm, Comparator<KeyRow> order) {
        List<KeyRow> rows = vm.visibleRows();
        for (int i = 1; i < rows.size(); i++) {
            if (order.compare(rows.get(i - 1), rows.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Clicking a column header: the SortedList gets the column's comparator and sorts every row. */
    private void measureSort(KeyTableViewModel vm) {
        vm.filterTextProperty().set("");
        for (Comparator<KeyRow> order : List.of(BY_NAME, BY_EXPIRY)) {
            String name = order == BY_NAME ? "name" : "expires";
            double[] times = new double[5];
            double first = 0;
            for (int i = 0; i < 1 + times.length; i++) {
                vm.sortOrderProperty().set(null);
                long t = System.nanoTime();
                vm.sortOrderProperty().set(order);
                int n = vm.visibleRows().size();
                double ms = (System.nanoTime() - t) / 1e6;
                if (n != vm.rows().size()) {
                    throw new IllegalStateException("sorting lost rows");
                }
                if (i == 0) {
                    first = ms;
                } else {
                    times[i - 1] = ms;
                }
            }
            System.out.printf(Locale.ROOT, "RESULT ui-filter sort by %s, %,d rows: first %.0f ms; then %s%n",
                    name, vm.rows().size(), first, new Stats(times).describe());
        }
        vm.sortOrderProperty().set(null);
    }

    /** A session that stays on one connection. */
    private static final class FixedSession implements Session {
        private final ReadOnlyObjectWrapper<Connection> connection;

        FixedSession(Connection connection) {
            this.connection = new ReadOnlyObjectWrapper<>(connection);
        }

        @Override
        public ReadOnlyObjectProperty<Connection> connectionProperty() {
            return connection.getReadOnlyProperty();
        }
    }
}
