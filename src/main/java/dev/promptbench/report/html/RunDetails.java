package dev.promptbench.report.html;

import dev.promptbench.results.CanaryReport;
import dev.promptbench.results.EndpointInfo;
import dev.promptbench.results.RunConfig;
import dev.promptbench.results.RunHeader;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The header block: what ran against what, with which settings and which software. */
final class RunDetails {
    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private final RunHeader header;
    private final String fileName;

    RunDetails(RunHeader header, String fileName) {
        this.header = header;
        this.fileName = fileName;
    }

    /** "20,000 prompts from p20k.txt against simulator gpt-4o-mini-sim". */
    String subtitle() {
        StringBuilder s = new StringBuilder();
        s.append(Markup.count(header.prompts().count())).append(" prompts from ")
                .append(or(header.prompts().file(), "standard input"));
        EndpointInfo endpoint = header.endpoint();
        s.append(" against ").append(or(endpoint == null ? null : endpoint.kind(), "an endpoint"));
        String target = endpoint == null ? "" : endpoint.deployment() != null ? endpoint.deployment()
                : endpoint.model() != null ? endpoint.model() : "";
        if (!target.isEmpty()) s.append(' ').append(Markup.text(target));
        if (header.simulated()) s.append(" (simulated: no API calls, no cost)");
        s.append(" · started ").append(Markup.text(started()));
        return s.toString();
    }

    String markup() {
        List<String[]> items = new ArrayList<>();
        List<EndpointInfo> endpoints = header.endpoints();
        int n = 0;
        for (EndpointInfo e : endpoints) {
            n++;
            String label = endpoints.size() > 1 ? "endpoint " + n : "endpoint";
            StringBuilder v = new StringBuilder();
            v.append(or(e.kind(), "?"));
            if (e.name() != null && !e.name().equals(e.kind())) v.append(" “").append(Markup.text(e.name())).append('”');
            if (e.url() != null) v.append("<br/><code>").append(Markup.text(e.url())).append("</code>");
            items.add(new String[] {label, v.toString()});
            StringBuilder model = new StringBuilder();
            if (e.deployment() != null) model.append("deployment ").append(Markup.text(e.deployment()));
            if (e.model() != null) model.append(model.length() > 0 ? " · " : "").append("model ").append(Markup.text(e.model()));
            if (e.protocol() != null) model.append(model.length() > 0 ? " · " : "").append(Markup.text(e.protocol()));
            if (model.length() > 0) items.add(new String[] {endpoints.size() > 1 ? "model " + n : "model", model.toString()});
        }
        RunHeader.Prompts prompts = header.prompts();
        items.add(new String[] {"prompts", Markup.count(prompts.count()) + " from <code>"
                + or(prompts.file(), "standard input") + "</code>"
                + (prompts.sha256() != null ? " <small>sha256 " + Markup.text(abbreviate(prompts.sha256()))
                + "</small>" : "")});
        if (header.config() != null) items.add(new String[] {"config", config(header.config())});
        CanaryReport canary = header.canary();
        if (canary != null) {
            items.add(new String[] {"canary", or(canary.status(), "?")
                    + (canary.latencyMs() != null ? " in " + Markup.duration(canary.latencyMs()) : "")
                    + (canary.message() != null ? " · " + Markup.text(canary.message()) : "")});
        }
        RunHeader.Machine machine = header.machine();
        items.add(new String[] {"software", "promptbench " + or(header.version(), "?") + " · Java "
                + or(machine.java(), "?") + " · " + or(machine.os(), "?") + " · " + machine.cores() + " cores"});
        items.add(new String[] {"started", Markup.text(started())});
        items.add(new String[] {"results file", "<code>" + Markup.text(fileName) + "</code>"});
        StringBuilder html = new StringBuilder("<dl class=\"meta\">");
        for (String[] item : items) {
            html.append("<div><dt>").append(item[0]).append("</dt><dd>").append(item[1]).append("</dd></div>");
        }
        return html.append("</dl>").toString();
    }

    private static String config(RunConfig c) {
        List<String> parts = new ArrayList<>();
        parts.add("mode " + or(c.mode() == null ? null : c.mode().wireName(), "?"));
        if (!c.batch()) parts.add(c.threads() + " workers");
        if (c.order() != null) parts.add("order " + Markup.text(c.order()));
        parts.add(c.stream() ? "streamed" : "not streamed");
        RunConfig.Sampling s = c.sampling();
        if (s.maxTokens() != null) parts.add("max_tokens " + s.maxTokens());
        if (s.temperature() != null) parts.add("temperature " + s.temperature());
        if (s.topP() != null) parts.add("top_p " + s.topP());
        if (s.seed() != null) parts.add("seed " + s.seed());
        if (c.timeouts().requestMs() > 0) parts.add("timeout " + Markup.duration(c.timeouts().requestMs()));
        if (c.timeouts().connectMs() > 0) parts.add("connect timeout " + Markup.duration(c.timeouts().connectMs()));
        return String.join(" · ", parts);
    }

    private static String or(String value, String fallback) {
        return Markup.text(value != null ? value : fallback);
    }

    /** The start as 2026-11-25 11:07:46 UTC. */
    private String started() {
        return header.startedAt() == null ? "?" : STARTED.format(header.startedAt());
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
