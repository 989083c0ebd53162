package dev.promptbench.cli;

import dev.promptbench.app.SimulatorEndpoint;
import dev.promptbench.batch.BatchApiException;
import dev.promptbench.batch.BatchListener;
import dev.promptbench.batch.BatchState;
import dev.promptbench.batch.StateFile;
import dev.promptbench.batch.StateFileException;
import dev.promptbench.client.ApiCalls;
import dev.promptbench.client.Endpoint;
import dev.promptbench.cost.Pricing;
import dev.promptbench.config.Resolution;
import dev.promptbench.clock.Clocks;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.clock.Ticker;
import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code batch} subcommand shares: the endpoint, network and auth options of {@code run}, the
 * connection they make, and the mapping of Batch API failures to exit codes.
 */
abstract class BatchOptions implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(validate = false, heading = "%nEndpoint (flags beat --profile, which beats environment variables):%n",
            order = 2)
    EndpointOptions endpoint = new EndpointOptions();

    @ArgGroup(validate = false, heading = "%nNetwork and auth:%n", order = 8)
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "Connection set-up limit (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = {"-q", "--quiet"}, description = "Only results and errors: no notices on stderr.")
    boolean quiet;

    final Map<String, String> env;
    /** Started by {@link #connect()} for a command that allows it, and kept for the command's life. */
    private Simulator simulator;
    final Sleeper sleeper;
    final Clock clock;

    BatchOptions(Map<String, String> env, Sleeper sleeper, Clock clock) {
        this.env = env;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } catch (BatchApiException e) {
            err().println("promptbench: the Batch API refused: " + e.getMessage());
            return ExitCode.FATAL_ENDPOINT;
        } catch (StateFileException e) {
            err().println("promptbench: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (InterruptedException e) {
            return ExitCode.INTERRUPTED;
        } finally {
            stopSimulator();
        }
    }

    abstract int execute() throws Exception;

    PrintWriter out() { return spec.commandLine().getOut(); }

    PrintWriter err() { return spec.commandLine().getErr(); }

    Notices notices() { return new Notices(err(), quiet); }

    BatchListener listener() {
        Notices notices = notices();
        return notices::say;
    }

    /** Resolves the endpoint like {@code run} does; a batch needs a real one (or {@code promptbench simulate}). */
    BatchConnection connect() {
        SessionOptions.Resolved resolved = SessionOptions.Resolved.of(endpoint, network, env, clock);
        Resolution resolution = resolved.resolution();
        network.announce(resolved.network(), notices(), false);
        if (resolution.useSimulator() && simulatorSettings() == null) {
            throw new UsageException("no endpoint configured: the Batch API needs --endpoint, a --profile or the "
                    + "AZURE_OPENAI_* / OPENAI_* variables (try 'promptbench simulate' and --endpoint "
                    + "http://127.0.0.1:PORT)");
        }
        if (resolution.useSimulator() && simulator == null) {
            try {
                simulator = Simulator.start(simulatorSettings(), new Clocks(Ticker.system(), sleeper, clock));
            } catch (java.io.IOException e) {
                throw new UsageException("the built-in simulator could not start: " + e.getMessage());
            }
            notices().say("no endpoint configured: using the built-in simulator " + simulator.baseUri()
                    + " (no API calls, no cost)");
        }
        Endpoint target = resolution.useSimulator() ? SimulatorEndpoint.at(simulator.baseUri())
                : resolution.endpoints().get(0);
        return BatchConnection.open(target,
                new ApiCalls(resolved.network(), connectTimeout, Duration.ofMinutes(5), clock), sleeper,
                Pricing.of(resolution), null);
    }

    /** The built-in simulator's settings when this command may use it with no endpoint configured, else null. */
    SimulatorSettings simulatorSettings() {
        return null;
    }

    /** True once this command talks to the built-in simulator. */
    boolean usingSimulator() {
        return simulator != null;
    }

    /** Stops the built-in simulator if this command started one. */
    void stopSimulator() {
        if (simulator != null) simulator.close();
        simulator = null;
    }

    /** Ctrl-C while waiting: nothing is cancelled; says how to pick the batches up. */
    int interrupted(Path stateFile) {
        err().println("promptbench: interrupted; the batches keep running on the service. To pick them up:");
        err().println("  " + fetchCommand(stateFile));
        err().println("  promptbench batch cancel " + stateFile + typed(REPEATED));
        String withheld = withheld();
        if (withheld != null) err().println("  " + withheld);
        err().flush();
        return ExitCode.INTERRUPTED;
    }

    /**
     * The {@code batch fetch --wait} that picks this command's batches up, as pasted: this command's endpoint
     * options and, where it has them, where it writes.
     */
    String fetchCommand(Path stateFile) {
        return "promptbench batch fetch " + stateFile + " --wait" + typed(REPEATED) + typed(FETCH_OUTPUTS);
    }

    /** "(with this command's --header too: …)" when it was given options that are not repeated, else null. */
    String withheld() {
        var parsed = spec.commandLine().getParseResult();
        if (WITHHELD.stream().noneMatch(parsed::hasMatchedOption)) return null;
        return "(with this command's " + WITHHELD.stream().filter(parsed::hasMatchedOption)
                .collect(Collectors.joining(", ")) + " too: not repeated here, they may hold secrets)";
    }

    /** The options that say which endpoint and how to reach it, repeated in the pick-up commands. */
    private static final List<String> REPEATED = List.of("--config", "--profile", "--provider", "--endpoint",
            "--deployment", "--api-version", "--model", "--auth", "--ca-cert", "--trust-store", "--insecure",
            "--http1.1");
    /** What 'batch fetch' writes and how it waits, as 'batch run' or 'batch fetch' was given them. */
    private static final List<String> FETCH_OUTPUTS = List.of("--out", "--answers", "--force", "--retry-failed",
            "--poll-interval");
    /** Options that may carry a secret (a header's key, a proxy's password, a command's token): named only. */
    private static final List<String> WITHHELD = List.of("--header", "--proxy", "--token-command");

    /** {@code " --endpoint URL --model M"}: those of {@code names} this command was given, as typed, for a shell. */
    private String typed(List<String> names) {
        StringBuilder flags = new StringBuilder();
        var parsed = spec.commandLine().getParseResult();
        for (String name : names) {
            var option = parsed.matchedOption(name);
            if (option == null) continue;
            if (option.originalStringValues().stream().anyMatch(BatchOptions::maySecret)) {
                flags.append(' ').append(name).append(" …");
                continue;
            }
            flags.append(' ').append(name);
            if (option.arity().max() > 0) {
                for (String value : option.originalStringValues()) flags.append(' ').append(shellWord(value));
            }
        }
        return flags.toString();
    }

    /** A URL with credentials or a key in its query is not printed. */
    private static boolean maySecret(String value) {
        return value.contains("@") || value.toLowerCase(java.util.Locale.ROOT).matches(".*(key|token|sig|secret)=.*");
    }

    private static String shellWord(String value) {
        return value.matches("[A-Za-z0-9_./:=@%+,-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }

    /** A state file's submission must be read with the endpoint it was submitted to. */
    static void checkSameEndpoint(BatchState state, Endpoint endpoint, Path stateFile) {
        if (!state.endpointUrl().equals(endpoint.displayUrl())) {
            throw new UsageException(stateFile + " was submitted to " + state.endpointUrl() + ", but these options "
                    + "point to " + endpoint.displayUrl() + ": pass the same endpoint options as 'batch submit'");
        }
    }

    static BatchState load(Path stateFile) throws StateFileException {
        return new StateFile(stateFile).load();
    }
}
