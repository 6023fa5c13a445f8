package dev.keydesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Shows the admin key this connection uses, what it may do, and the server.")
final class WhoamiCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    KeydeskCommand global;

    @Override
    public Integer call() throws Exception {
        try (CliSession session = global.connect()) {
            Optional<WhoAmI> who = session.connection().whoami();
            var out = global.env.out();
            ApiKey key = who.map(WhoAmI::key).orElse(null);
            String permissions = who.map(w -> w.permissions().stream().map(Permission::value)
                    .collect(Collectors.joining(" "))).orElse("");
            switch (global.format) {
                case json -> {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("server", session.baseUrl().toString());
                    node.put("profile", session.connection().profile().name());
                    node.put("key_id", key == null ? null : key.id());
                    node.put("name", key == null ? null : key.name());
                    node.put("prefix", key == null ? null : key.prefix());
                    ArrayNode perms = node.putArray("permissions");
                    who.ifPresent(w -> w.permissions().forEach(p -> perms.add(p.value())));
                    out.println(JSON.writeValueAsString(node));
                }
                case csv -> {
                    out.println("server,profile,key_id,name,prefix,permissions");
                    out.println(String.join(",", quote(session.baseUrl().toString()),
                            quote(session.connection().profile().name()), quote(key == null ? "" : key.id()),
                            quote(key == null ? "" : dev.keydesk.core.common.Csv.cell(key.name())),
                            quote(key == null ? "" : key.prefix()), quote(permissions)));
                }
                default -> {
                    if (key == null) {
                        out.println("Key:          (the server does not say which key this is)");
                        who.filter(w -> w.userName() != null || w.companyName() != null)
                                .ifPresent(w -> out.println("Signed in as: " + w.principalDescription()));
                    } else {
                        out.println("Key:          " + key.name() + " (" + key.prefix() + "…)  " + key.id());
                        if (key.expiresAt() != null) {
                            out.println("Expires:      " + key.expiresAt());
                        }
                    }
                    out.println("Permissions:  " + (permissions.isEmpty() ? "(not said)" : key == null
                            ? permissions + "  (the user's, as the server lists them; not necessarily the key's)"
                            : permissions));
                    out.println("Server:       " + session.serverLabel());
                }
            }
            return Exit.OK;
        }
    }

    static String quote(String s) {
        String v = s == null ? "" : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
