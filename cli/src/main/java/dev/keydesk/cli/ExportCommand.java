package dev.keydesk.cli;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.common.PrivateFiles;
import dev.keydesk.core.keys.KeyExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports every key (no secrets: the server never returns them) as CSV or JSON. "
                + "The format follows --out's extension (.json or .csv), else --format (table means CSV)."},
        footerHeading = "%nExamples:%n",
        footer = {"  keydesk export --out keys.csv", "  keydesk --format json export > keys.json"})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    KeydeskCommand global;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (owner-only) instead of stdout.")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (CliSession session = global.connect()) {
            List<ApiKey> keys = session.api().listAllKeys(n -> { });
            KeyExport.Format format = out != null ? KeyExport.Format.of(out)
                    : global.format == KeydeskCommand.Format.json ? KeyExport.Format.JSON : KeyExport.Format.CSV;
            if (out == null) {
                KeyExport.write(keys, format, global.env.out());
            } else {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                KeyExport.write(keys, format, bytes);
                PrivateFiles.write(out, bytes.toByteArray());
                global.env.err().println("Exported " + keys.size() + " keys to " + out.toAbsolutePath() + ".");
            }
            return Exit.OK;
        }
    }
}
