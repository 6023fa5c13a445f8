package dev.keydesk.cli;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.keys.IndexedKey;
import dev.keydesk.core.keys.KeyExport;
import dev.keydesk.core.keys.KeyFilter;
import dev.keydesk.core.keys.RelativeTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
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
            print(global, keys);
            global.env.err().println(keys.size() + (keys.size() == 1 ? " key" : " keys") + " on " + session.serverLabel()
                    + ".");
            return Exit.OK;
        }
    }

    static void print(KeydeskCommand global, List<ApiKey> keys) throws java.io.IOException {
        switch (global.format) {
            case json -> KeyExport.write(keys, KeyExport.Format.JSON, global.env.out());
            case csv -> KeyExport.write(keys, KeyExport.Format.CSV, global.env.out());
            default -> {
                Instant now = global.env.clock().instant();
                Table t = new Table("ID", "NAME", "PREFIX", "TYPE", "STATUS", "EXPIRES", "LAST USED");
                for (ApiKey k : keys) {
                    t.row(k.id(), k.name(), k.prefix(), k.type(), k.status(),
                            k.expiresAt() == null ? "never" : k.expiresAt().toString().substring(0, 10),
                            RelativeTime.lastUsed(k.lastUsed(), now));
                }
                t.print(global.env.out());
            }
        }
    }
}
