package dev.promptbench.cli;

import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code promptbench simulate}: runs the built-in chat-completions simulator in the foreground. */
@Command(name = "simulate",
        description = {
            "Serve simulated Azure OpenAI / OpenAI chat completions on a local port until stopped (Ctrl-C).",
            "Answers have a log-normal time to first token and a per-token delay; every draw is keyed "
                + "by seed, prompt and attempt, so the same prompts always see the same service times."
        },
        sortOptions = false)
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--ttft-median", defaultValue = "400ms", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Median time to first token (e.g. 800ms, 1.5s). Default: ${DEFAULT-VALUE}.")
    Duration ttftMedian;

    @Option(names = "--ttft-sigma", defaultValue = "0.35", paramLabel = "SIGMA",
            description = "Log-normal spread of the time to first token; 0 makes every service time "
                    + "fixed (answer length too). Default: ${DEFAULT-VALUE}.")
    double ttftSigma;

    @Option(names = "--tokens", defaultValue = "80", paramLabel = "N",
            description = "Median answer length in tokens (capped by the request's max tokens). "
                    + "Default: ${DEFAULT-VALUE}.")
    int tokens;

    @Option(names = "--token-delay", defaultValue = "8ms", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Time per answer token after the first. Default: ${DEFAULT-VALUE}.")
    Duration tokenDelay;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of every random draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Counted down to stop serving: by the shutdown hook, or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);

    /** Told the running simulator once it listens: a seam for tests, which pass port 0. */
    Consumer<Simulator> onListening = simulator -> {};

    @Override
    public Integer call() {
        SimulatorSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        Simulator simulator;
        try {
            simulator = Simulator.start(settings);
        } catch (BindException e) {
            err.println("promptbench simulate: cannot listen on " + host + ":" + port
                    + ": the port is in use or not available here (choose another with --port)");
            err.flush();
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("promptbench simulate: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        Thread hook = new Thread(() -> {
            simulator.close();
            stop.countDown();
        }, "promptbench-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (simulator) {
            String base = simulator.baseUri().toString();
            err.println("promptbench simulator listening on " + base
                    + " (Azure: /openai/deployments/<any>/chat/completions, v1: /openai/v1/chat/completions,"
                    + " OpenAI: /v1/chat/completions)");
            err.println("point promptbench at it: OPENAI_API_KEY=anything promptbench run prompts/sample.txt --endpoint "
                    + base + " --provider openai --model sim   (Ctrl-C stops the simulator)");
            err.flush();
            onListening.accept(simulator);
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting; the hook is running or has run.
            }
        }
        return ExitCode.OK;
    }

    /** The options as simulator settings, checked here so a bad value is a usage error. */
    SimulatorSettings settings() {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host must not be empty");
        }
        if (!(ttftSigma >= 0) || Double.isInfinite(ttftSigma)) {
            throw new ParameterException(spec.commandLine(), "--ttft-sigma must be 0 or more, got " + ttftSigma);
        }
        if (tokens < 1) {
            throw new ParameterException(spec.commandLine(), "--tokens must be at least 1, got " + tokens);
        }
        return new SimulatorSettings(host, port, ttftMedian, ttftSigma, tokens, tokenDelay, seed);
    }
}
