package dev.promptbench.cli;

import dev.promptbench.app.OutputFiles;
import dev.promptbench.app.SessionSpec;
import dev.promptbench.client.Api;
import dev.promptbench.client.ClientSettings;
import dev.promptbench.client.NetworkSettings;
import dev.promptbench.config.EndpointResolver;
import dev.promptbench.config.Resolution;
import dev.promptbench.prompt.PromptFile;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.TextPromptStyle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * What every command that sends prompts shares (a picocli mixin of run and sweep): where the requests go,
 * what they carry, how they are timed out, retried and paced, and the built-in simulator used when no
 * endpoint is configured. The batch commands take its endpoint and network groups.
 */
final class SessionOptions implements SimulatorOptions.Simulated {
    @ArgGroup(validate = false, heading = "%nEndpoint (flags beat --profile, which beats environment variables):%n",
            order = 2)
    EndpointOptions endpoint = new EndpointOptions();

    @ArgGroup(validate = false, heading = "%nRequest fields (sent only when given):%n", order = 3)
    RequestOptions request = new RequestOptions();

    @ArgGroup(validate = false, heading = "%nRetries and stopping:%n", order = 5)
    RetryOptions retry = new RetryOptions();

    /** The simulator's --sim-* knobs: the command adds them (see {@link SimulatorOptions.AsSimFlags}). */
    final SimulatorOptions simulator = new SimulatorOptions();

    @Override
    public SimulatorOptions simulatorOptions() {
        return simulator;
    }

    @ArgGroup(validate = false, heading = "%nNetwork and auth:%n", order = 8)
    NetworkOptions network = new NetworkOptions();

    @ArgGroup(validate = false, heading = "%nRate limits:%n", order = 9)
    RateOptions rate = new RateOptions();

    @Option(names = "--template", paramLabel = "FILE",
            description = "PROMPT_FILE is a CSV (with a header row) or JSONL of variables: each row fills the "
                    + "{{column}} placeholders of this template, one prompt per row (id from an 'id' column, "
                    + "else row-N).")
    Path template;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Whole-request limit, e.g. 90s, 10m (default: ${DEFAULT-VALUE}). Reasoning models take minutes.")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "Connection set-up limit (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--stream-idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class,
            description = "With --stream: longest silence between events before the stream counts as broken "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration streamIdleTimeout;

    @Option(names = "--no-warmup", negatable = false, description = "Skip the untimed warm-up of the client's code path.")
    boolean noWarmup;

    /** The endpoint(s) the options resolve to, and the network settings to reach them. */
    record Resolved(Resolution resolution, NetworkSettings network) {
        /** Resolves the endpoint(s) and the network: flags, then --profile, then environment variables. */
        static Resolved of(EndpointOptions endpoint, NetworkOptions network, Map<String, String> env, Clock clock) {
            NetworkSettings net = network.settings(env);
            return new Resolved(new EndpointResolver(env, clock).resolve(network.flags(endpoint.flags())), net);
        }
    }

    /** Checks the options that need no endpoint; one line and exit 2 for the first that is wrong. */
    void validate() {
        request.validate();
        if (endpoint.api == Api.RESPONSES && request.seed != null) {
            throw new UsageException("--seed is not a field of the Responses API (it would be refused with a 400):"
                    + " leave it out with --api responses");
        }
        retry.policy();
        rate.control();
        simulator.settings();
        FlagCheck.longerThanZero("--timeout", timeout, null);
        FlagCheck.longerThanZero("--connect-timeout", connectTimeout, null);
        FlagCheck.longerThanZero("--stream-idle-timeout", streamIdleTimeout,
                "it bounds the silence between the events of a streamed answer");
    }

    /** Resolves the endpoint(s) and the network: flags, then --profile, then environment variables. */
    Resolved resolve(Map<String, String> env, Clock clock) {
        return Resolved.of(endpoint, network, env, clock);
    }

    /** The --template file, which is read and never written. */
    OutputFiles.Input templateInput() {
        return new OutputFiles.Input("the --template file", template);
    }

    /** Opens (and checks) the prompt file ({@code -}: standard input), or with --template the variables. */
    PromptFile openPrompts(String promptFile) throws PromptFileException {
        return PromptSources.open(promptFile, template, new TextPromptStyle(request.role, request.system));
    }

    /**
     * Opens the prompt file for the resolved endpoints; with the Responses API (a flag or a profile's
     * {@code api:}) a {@code seed}, given by --seed or by a JSONL line, is refused in one line, as it would be
     * refused by the service with a 400 for every prompt.
     */
    PromptFile openPrompts(String promptFile, Resolved resolved) throws PromptFileException {
        boolean responses = resolved.resolution().endpoints().isEmpty() ? endpoint.api == Api.RESPONSES
                : resolved.resolution().endpoints().stream().anyMatch(e -> e.api() == Api.RESPONSES);
        if (responses && request.seed != null) {
            throw new UsageException("--seed is not a field of the Responses API (it would be refused with a 400):"
                    + " leave it out with --api responses");
        }
        PromptFile prompts = openPrompts(promptFile);
        String seeded = responses ? prompts.firstLineWith("seed") : null;
        if (seeded != null) {
            prompts.close();
            throw new UsageException(seeded + ": \"seed\" is not a field of the Responses API (it would be refused "
                    + "with a 400): leave it out of the prompt file with --api responses");
        }
        return prompts;
    }

    /** The HTTP client's settings for a pool of {@code threads}. */
    ClientSettings client(int threads, Resolved resolved) {
        return new ClientSettings(threads, timeout, connectTimeout, streamIdleTimeout).withNetwork(resolved.network());
    }

    /** How the requests are sent, for a pool of at most {@code threads} workers. */
    SessionSpec spec(int threads, Resolved resolved) {
        return new SessionSpec(resolved.resolution().endpoints(), simulator.settings(), client(threads, resolved),
                retry.policy(), rate.control(), !noWarmup, retry.canary(timeout), retry.breaker(threads),
                endpoint.api == null ? Api.CHAT : endpoint.api, simulator.given());
    }

    /** The rules every command applies to flags that do nothing: the simulator's with a real endpoint, and so on. */
    IdleFlags idleFlags(IdleFlags flags, Resolved resolved) {
        return flags
                .when(!resolved.resolution().useSimulator(),
                        "with a real endpoint (the built-in simulator is not started)", flag -> flag.startsWith("--sim-"))
                .when(!request.stream, "without --stream", "--stream-idle-timeout");
    }

    /**
     * Before anything is sent: warns when {@code threads} connections may pass the open-file limit, says
     * where each setting came from (with {@code -v}) and what the network set-up does.
     */
    void announce(Resolved resolved, int threads, Notices notices, boolean verbose) {
        String fileLimit = OpenFileLimit.warning(threads);
        if (fileLimit != null) notices.say(fileLimit);
        if (verbose) resolved.resolution().provenance().forEach(line -> notices.say("  " + line));
        network.announce(resolved.network(), notices, verbose);
    }
}
