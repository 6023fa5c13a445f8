package dev.keydesk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.Capability;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.keys.RelativeTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "identify", mixinStandardHelpOptions = true,
        description = {"Finds the key a leaked secret belongs to. The secret is read from stdin (or typed without "
                + "echo on a terminal), sent once in a request body, wiped, and never printed or logged."},
        footerHeading = "%nExamples:%n",
        footer = {"  pbpaste | keydesk identify", "  keydesk identify < leaked.txt && keydesk revoke --id <the id shown>",
                "", "Exit codes: 0 the key was found; 1 no key has that secret; 2 usage or connection error, or a",
                "server that cannot identify secrets."})
final class IdentifyCommand implements Callable<Integer> {

    @ParentCommand
    KeydeskCommand global;

    @Override
    public Integer call() throws Exception {
        try (CliSession session = global.connect()) {
            if (!session.api().capabilities().has(Capability.IDENTIFY)) {
                throw new CliFailure(Exit.USAGE, "This server cannot identify a secret: "
                        + session.api().capabilities().whyNot(Capability.IDENTIFY).orElse("it has no identify endpoint."));
            }
            char[] chars = readSecret();
            if (chars == null || chars.length == 0) {
                throw new CliFailure(Exit.USAGE, "No secret on stdin: pipe it in (pbpaste | keydesk identify).");
            }
            Optional<ApiKey> found;
            try (Secret secret = Secret.ofChars(chars)) {
                found = session.api().identify(secret);
            }
            if (found.isEmpty()) {
                global.env.err().println("No key on " + session.serverLabel() + " has that secret (none active, "
                        + "disabled, expired or revoked).");
                return Exit.NOT_AS_ASKED;
            }
            ApiKey k = found.get();
            if (global.format == KeydeskCommand.Format.json) {
                ObjectNode node = WhoamiCommand.JSON.createObjectNode();
                node.put("id", k.id()).put("name", k.name()).put("prefix", k.prefix()).put("status", k.status())
                        .put("type", k.type());
                node.putPOJO("permissions", k.permissions().stream().map(Permission::value).toList());
                node.put("last_used", k.lastUsed() == null ? null : k.lastUsed().toString());
                node.put("last_used_ip", k.lastUsedIp());
                global.env.out().println(WhoamiCommand.JSON.writeValueAsString(node));
            } else {
                ListCommand.print(global, java.util.List.of(k), session.connection().capabilities());
            }
            var err = global.env.err();
            err.println("The secret belongs to " + k.id() + " “" + k.name() + "” (" + k.status() + "), last used "
                    + RelativeTime.lastUsed(k.lastUsed(), global.env.clock().instant())
                    + (k.lastUsedIp() == null ? "" : " from " + k.lastUsedIp()) + "; it holds "
                    + k.permissions().stream().map(Permission::value).collect(Collectors.joining(" ")) + ".");
            if (!"revoked".equals(k.status())) {
                err.println("Stop it: keydesk revoke --id " + k.id() + " --reason \"leaked\"   (or freeze --id " + k.id()
                        + " to stop it reversibly)");
            }
            return Exit.OK;
        }
    }

    /** The secret, from the terminal without echo, or from stdin; the intermediate buffers are wiped. */
    private char[] readSecret() throws IOException {
        if (global.env.terminal().isPresent() && global.env.stdin() == System.in) {
            return trim(global.env.terminal().get().readSecret("Paste the secret (it is not shown): "));
        }
        byte[] bytes = readAll(global.env.stdin());
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            char[] chars = new char[decoded.remaining()];
            decoded.get(chars);
            if (decoded.hasArray()) {
                Arrays.fill(decoded.array(), '\0');
            }
            return trim(chars);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }

    /** Without surrounding whitespace (a pasted newline); wipes the untrimmed copy. */
    private static char[] trim(char[] chars) {
        if (chars == null) {
            return null;
        }
        int start = 0;
        int end = chars.length;
        while (start < end && Character.isWhitespace(chars[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(chars[end - 1])) {
            end--;
        }
        char[] out = Arrays.copyOfRange(chars, start, end);
        Arrays.fill(chars, '\0');
        return out;
    }
}
