package dev.keydesk.cli;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.core.keys.IndexedKey;
import dev.keydesk.core.keys.KeyStatuses;
import dev.keydesk.core.keys.KeyExport;
import dev.keydesk.core.keys.KeyFilter;
import dev.keydesk.core.keys.RelativeTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists keys (active, disabled and expired), optionally narrowed as the app's filters do.",
        footerHeading = "%nExamples:%n",
        footer = {"  keydesk list --expiring 7", "  keydesk list --status disabled --format csv",
                "  keydesk list --match billing"})
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    KeydeskCommand global;

    @Option(names = "--expiring", paramLabel = "DAYS", description = "Only keys that expire within DAYS days.")
    Integer expiring;

    @Option(names = "--status", paramLabel = "S", description = "Only keys with this status: active, disabled or expired.")
    String status;

    @Option(names = "--match", paramLabel = "TEXT",
            description = "Only keys whose name, prefix, id, description or permissions contain every word of TEXT.")
    String match;

    @Override
    public Integer call() throws Exception {
        try (CliSession session = global.connect()) {
            List<ApiKey> keys = IndexedKey.filter(session.api().listAllKeys(n -> { }),
                    new KeyFilter(match, status, null, null, expiring), global.env.clock().instant());
            print(global, keys, session.connection().capabilities());
            global.env.err().println(keys.size() + (keys.size() == 1 ? " key" : " keys") + " on " + session.serverLabel()
                    + ".");
            return Exit.OK;
        }
    }

    /**
     * Prints {@code keys} in the chosen format. The table leaves out the columns the server has no
     * data for (a Narrative token has no prefix, type or last use): blank would read as "none",
     * "never used" as a fact.
     */
    static void print(KeydeskCommand global, List<ApiKey> keys, Capabilities can) throws java.io.IOException {
        switch (global.format) {
            case json -> KeyExport.write(keys, KeyExport.Format.JSON, global.env.out());
            case csv -> KeyExport.write(keys, KeyExport.Format.CSV, global.env.out());
            default -> {
                Instant now = global.env.clock().instant();
                boolean prefixes = can.has(Capability.PREFIXES);
                boolean types = can.has(Capability.KEY_TYPES);
                boolean used = can.has(Capability.LAST_USED);
                List<String> header = new ArrayList<>(List.of("ID", "NAME"));
                if (prefixes) {
                    header.add("PREFIX");
                }
                if (types) {
                    header.add("TYPE");
                }
                header.addAll(List.of("STATUS", "EXPIRES"));
                if (used) {
                    header.add("LAST USED");
                }
                Table t = new Table(header.toArray(String[]::new));
                for (ApiKey k : keys) {
                    List<String> cells = new ArrayList<>(List.of(k.id(), k.name() == null ? "" : k.name()));
                    if (prefixes) {
                        cells.add(k.prefix());
                    }
                    if (types) {
                        cells.add(k.type());
                    }
                    cells.add(KeyStatuses.of(k, now));
                    cells.add(k.expiresAt() == null ? "never" : k.expiresAt().toString().substring(0, 10));
                    if (used) {
                        cells.add(RelativeTime.lastUsed(k.lastUsed(), now));
                    }
                    t.row(cells.toArray(String[]::new));
                }
                t.print(global.env.out());
            }
        }
    }
}
