package dev.keydesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.Capability;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.expiry.ExpiryRules;
import dev.keydesk.core.review.DueKeys;
import dev.keydesk.core.review.GrantEvidence;
import dev.keydesk.core.review.PresetMatch;
import dev.keydesk.core.review.Proposal;
import dev.keydesk.core.review.ProposalRules;
import dev.keydesk.core.review.ReviewWindow;
import dev.keydesk.core.review.UsageLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Proposes, per key, the permissions it should hold, with the evidence; changes nothing.",
                "What it used in the window (default 30 days), widened to a preset where that is clearly what the "
                        + "key is, with the evidence behind each removal. Narrow or rotate with `keydesk rotate`. "
                        + "Without --id it reviews every key due for rotation (older than 90 days live, 180 test)."},
        footerHeading = "%nExamples:%n",
        footer = {"  keydesk review --due", "  keydesk review --id key_123 --window 60",
                "  keydesk --format json review --due > proposals.json"})
final class ReviewCommand implements Callable<Integer> {

    @ParentCommand
    KeydeskCommand global;

    @Option(names = "--due", description = "Every key due for rotation (the default without --id).")
    boolean due;

    @Option(names = "--id", paramLabel = "ID", arity = "1..*", description = "These keys (repeat or list several).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--window", paramLabel = "DAYS", defaultValue = "30",
            description = "A grant counts as used when used within DAYS days (1 to 90; default ${DEFAULT-VALUE}).")
    int windowDays;

    @Override
    public Integer call() throws Exception {
        if (windowDays < ReviewWindow.MIN_DAYS || windowDays > ReviewWindow.MAX_DAYS) {
            throw new CliFailure(Exit.USAGE, "--window must be " + ReviewWindow.MIN_DAYS + " to " + ReviewWindow.MAX_DAYS
                    + " days (the server keeps " + ReviewWindow.MAX_DAYS + ").");
        }
        ReviewWindow window = new ReviewWindow(windowDays);
        try (CliSession session = global.connect()) {
            var api = session.api();
            var caps = api.capabilities();
            if (!caps.has(Capability.USAGE)) {
                throw new CliFailure(Exit.USAGE, "Review is unavailable on " + session.serverLabel() + ": "
                        + caps.whyNot(Capability.USAGE).orElse("it reports no usage per permission") + " Nothing was changed.");
            }
            List<ApiKey> keys = targets(session);
            var err = global.env.err();
            err.println("Reviewing " + keys.size() + (keys.size() == 1 ? " key" : " keys") + " on "
                    + session.serverLabel() + " (used in the last " + window.label() + ").");
            Instant now = global.env.clock().instant();
            ProposalRules rules = new ProposalRules(session.connection().catalog());
            List<Proposal> proposals = new ArrayList<>();
            Map<String, KeyUsage> usages = new LinkedHashMap<>();
            Map<String, String> failures = new LinkedHashMap<>();
            Throwable stopped = new UsageLoader(api, global.env.sleeper()).load(keys, new UsageLoader.Listener() {
                @Override
                public void loading(int index, int total, ApiKey key) {
                    err.println("  usage " + (index + 1) + "/" + total + ": " + key.id());
                }

                @Override
                public void loaded(ApiKey key, UsageLoader.Loaded loaded) {
                    usages.put(key.id(), loaded.usage());
                    proposals.add(rules.propose(loaded.key().key(), loaded.usage(), window, now));
                }

                @Override
                public void failed(ApiKey key, Throwable error) {
                    failures.put(key.id(), ErrorMessages.describe(error).whatHappened());
                }

                @Override
                public void waiting(Duration wait) {
                    err.println("  rate limited: waiting " + wait.toSeconds() + " s, as the server asked");
                }

                @Override
                public boolean isCancelled() {
                    return Thread.currentThread().isInterrupted();
                }
            });
            print(proposals, usages, now);
            failures.forEach((id, why) -> err.println("keydesk: " + id + " not reviewed: " + why));
            if (stopped != null) {
                KeydeskCommand.report(global.env, stopped);
                return Exit.NOT_AS_ASKED;
            }
            long narrow = proposals.stream().filter(Proposal::changesPermissions).count();
            long revoke = proposals.stream().filter(p -> p.kind() == Proposal.Kind.REVOKE).count();
            err.println(narrow + " to narrow, " + revoke + " to revoke instead, " + (proposals.size() - narrow - revoke)
                    + " to keep or judge later. Nothing was changed: `keydesk rotate --id ID --narrow` applies one.");
            return failures.isEmpty() ? Exit.OK : Exit.NOT_AS_ASKED;
        }
    }

    private List<ApiKey> targets(CliSession session) {
        List<ApiKey> keys = new ArrayList<>();
        if (due || ids.isEmpty()) {
            keys.addAll(DueKeys.of(session.api().listAllKeys(n -> { }), global.env.clock().instant(), ExpiryRules.DEFAULTS));
        }
        for (String id : ids) {
            if (keys.stream().noneMatch(k -> k.id().equals(id))) {
                try {
                    keys.add(session.api().getKey(id).key());
                } catch (NotFoundException e) {
                    throw new CliFailure(Exit.USAGE, "No key " + id + " on " + session.serverLabel() + ".");
                }
            }
        }
        return keys;
    }

    private void print(List<Proposal> proposals, Map<String, KeyUsage> usages, Instant now) throws Exception {
        var out = global.env.out();
        switch (global.format) {
            case json -> {
                ArrayNode all = WhoamiCommand.JSON.createArrayNode();
                for (Proposal p : proposals) {
                    all.add(json(p, usages.get(p.key().id())));
                }
                out.println(WhoamiCommand.JSON.writeValueAsString(all));
            }
            case csv -> {
                out.println("id,name,proposal,keep,remove,add,risk_dropped,closest_preset");
                for (Proposal p : proposals) {
                    out.println(String.join(",", csv(p.key().id()), csv(p.key().name()), csv(p.kind().name().toLowerCase()),
                            csv(join(p.keeps())), csv(join(p.removes())), csv(join(p.adds())), csv(join(p.riskDropped())),
                            csv(p.closest().map(m -> m.preset().id()).orElse(""))));
                }
            }
            default -> {
                Table t = new Table("ID", "NAME", "PROPOSAL", "REMOVE", "KEEP", "RISK DROPPED");
                for (Proposal p : proposals) {
                    t.row(p.key().id(), p.key().name(), p.kind().label(), join(p.removes()), p.changesPermissions()
                            ? join(p.proposed()) : "", join(p.riskDropped()));
                }
                t.print(out);
                for (Proposal p : proposals) {
                    out.println();
                    out.println(p.key().id() + " “" + p.key().name() + "”: " + p.summary());
                    p.closest().ifPresent(m -> out.println("  " + m.describe()));
                    for (Permission r : p.removes()) {
                        out.println("  - " + p.evidenceFor(r).map(GrantEvidence::describe).orElse(r.value()));
                    }
                    p.notes().forEach(n -> out.println("  ! " + n));
                }
            }
        }
    }

    private static ObjectNode json(Proposal p, KeyUsage usage) {
        ObjectNode n = WhoamiCommand.JSON.createObjectNode();
        n.put("key_id", p.key().id());
        n.put("name", p.key().name());
        n.put("window_days", p.window().days());
        n.put("proposal", p.kind().name().toLowerCase());
        n.put("summary", p.summary());
        n.putPOJO("permissions", values(p.key().permissions()));
        n.putPOJO("proposed", values(p.proposed()));
        n.putPOJO("keep", values(p.keeps()));
        n.putPOJO("remove", values(p.removes()));
        n.putPOJO("add", values(p.adds()));
        n.putPOJO("risk_dropped", values(p.riskDropped()));
        n.put("widened_to_preset", p.widenedTo().map(pr -> pr.id()).orElse(null));
        if (p.closest().isPresent()) {
            PresetMatch m = p.closest().get();
            n.putObject("closest_preset").put("id", m.preset().id()).put("name", m.preset().name())
                    .put("exact", m.exact()).put("in_common", m.inCommon()).put("other_grants", m.extra());
        } else {
            n.putNull("closest_preset");
        }
        ArrayNode evidence = n.putArray("evidence");
        for (GrantEvidence e : p.evidence()) {
            ObjectNode ev = evidence.addObject();
            ev.put("permission", e.permission().value());
            ev.put("granted", e.granted());
            ev.put("last_used", e.lastUsed() == null ? null : e.lastUsed().toString());
            ev.put("requests_7d", e.requests7d());
            ev.put("requests_30d", e.requests30d());
            ev.put("requests_90d", e.requests90d());
            ev.put("used_in_window", e.usedInWindow());
            ev.put("removed", p.removes().contains(e.permission()));
            ev.put("text", e.describe());
        }
        ArrayNode addresses = n.putArray("addresses");
        if (usage != null) {
            usage.addresses().forEach(a -> addresses.addObject().put("ip", a.ip())
                    .put("last_seen", a.lastSeen() == null ? null : a.lastSeen().toString())
                    .put("requests_30d", a.requests30d()));
        }
        n.putPOJO("notes", p.notes());
        return n;
    }

    private static List<String> values(java.util.Collection<Permission> ps) {
        return ps.stream().map(Permission::value).sorted().toList();
    }

    private static String join(java.util.Collection<Permission> ps) {
        return ps.stream().map(Permission::value).sorted().collect(Collectors.joining(" "));
    }

    private static String csv(String s) {
        String v = s == null ? "" : s;
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
