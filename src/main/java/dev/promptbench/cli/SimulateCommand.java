package dev.promptbench.cli;

import dev.promptbench.clock.Clocks;
import dev.promptbench.sim.Simulator;
import dev.promptbench.sim.SimulatorSettings;
import dev.promptbench.sim.SimulatorTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
                + "by seed, prompt and attempt, so the same prompts always see the same service times. "
                + "\"stream\": true is answered with server-sent events in the Azure (or OpenAI) shape, "
                + "--tokens-per-chunk tokens per event.",
            "To rehearse trouble: --fault-rate/--fault-kinds fail some requests on purpose, --rpm/--tpm answer "
                + "429 as Azure does, --key and --deployments answer 401 and 404, --stall stops answering "
                + "for a while.",
            "The Files and Batch API (/files, /batches) answer each batch line through the same model; "
                + "--batch-duration sets how long a batch takes, --batch-quirks reproduces Azure's quirks."
        },
        sortOptions = false,
        modelTransformer = SimulatorOptions.AsOwnFlags.class)
public final class SimulateCommand implements Callable<Integer>, SimulatorOptions.Simulated {

    @Spec
    CommandSpec spec;

    /** The simulated service's knobs (--ttft-median, --fault-rate, ...), declared with run's --sim-* ones. */
    final SimulatorOptions service = new SimulatorOptions();

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Accept only this key (api-key header or bearer token); others get 401. "
                    + "Default: any non-empty key.")
    String key;

    @Option(names = "--deployments", split = ",", paramLabel = "NAME",
            description = "Serve only these deployments (Azure path) or models (v1 and OpenAI routes); others "
                    + "get 404. Default: any name.")
    List<String> deployments;

    @Option(names = "--batch-duration", defaultValue = "3s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a batch of the Batch API takes from creation to completion: a tenth "
                    + "validating, eight tenths answering its lines through the simulated model, a tenth "
                    + "finalizing. Default: ${DEFAULT-VALUE}.")
    Duration batchDuration;

    @Option(names = "--batch-window", defaultValue = "24h", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "The real time that stands for a batch's 24h completion window: a batch still "
                    + "running then expires with the lines answered so far. Default: ${DEFAULT-VALUE}.")
    Duration batchWindow;

    @Option(names = "--batch-quirks",
            description = "Reproduce Azure's Batch API quirks: capitalised status values, \"\" or a zero-byte "
                    + "file as error_file_id when nothing failed, no output_file_id when every line failed, "
                    + "lines that never ran left out of the error file.")
    boolean batchQuirks;

    @Option(names = "--tls",
            description = "Serve HTTPS with a self-signed certificate made at start (HTTP/1.1 only: the JDK's "
                    + "server has no HTTP/2); its PEM is written to --cert-out and printed, for run's --ca-cert.")
    boolean tls;

    @Option(names = "--cert-out", paramLabel = "FILE",
            description = "With --tls: where to write the certificate (PEM). Default: a new temporary file.")
    Path certOut;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public SimulatorOptions simulatorOptions() {
        return service;
    }

    /** Counted down to stop serving: by the shutdown hook, or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);

    /** Told the running simulator once it listens: a seam for tests, which pass port 0. */
    Consumer<Simulator> onListening = simulator -> {};

    @Override
    public Integer call() {
        SimulatorSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        SimulatorTls certificate = tls ? SimulatorTls.generate(host) : null;
        Path pem;
        try {
            pem = certificate == null ? null : writePem(certificate);
        } catch (IOException e) {
            err.println("promptbench simulate: cannot write the certificate to "
                    + (certOut != null ? certOut.toString() : "a temporary file") + ": " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        Simulator simulator;
        try {
            simulator = Simulator.start(settings, certificate, Clocks.system(Clock.systemUTC()));
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
                    + " OpenAI: /v1/chat/completions; Responses API: /openai/v1/responses, /v1/responses;"
                    + " Files and Batch API under the same prefixes)"
                    + trouble(settings)
                    + (pem == null ? "" : " · HTTPS, self-signed certificate, HTTP/1.1 only (the JDK's server has no"
                            + " HTTP/2)"));
            if (pem != null) {
                err.println("certificate (trust it with --ca-cert " + pem + "):");
                err.print(certificate.certificatePem());
            }
            String model = settings.access().deployments().isEmpty() ? "sim"
                    : settings.access().deployments().iterator().next();
            err.println("point promptbench at it: OPENAI_API_KEY=" + (settings.access().keyRequired() ? "<your --key>" : "anything")
                    + " promptbench run prompts/sample.txt --endpoint " + base + " --provider openai --model " + model
                    + (pem == null ? "" : " --ca-cert " + pem) + "   (Ctrl-C stops the simulator)");
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

    /** Writes the certificate's PEM to {@code --cert-out}, or to a new temporary file; returns where. */
    private Path writePem(SimulatorTls certificate) throws IOException {
        Path target = certOut != null ? certOut : Files.createTempFile("promptbench-simulator-", ".pem");
        // Only the public certificate: the private key stays in this process.
        return Files.writeString(target, certificate.certificatePem(), StandardCharsets.US_ASCII);
    }

    /** The options as simulator settings, checked here so a bad value is a usage error. */
    SimulatorSettings settings() {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        if (host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host must not be empty");
        }
        if (certOut != null && !tls) {
            throw new ParameterException(spec.commandLine(), "--cert-out needs --tls");
        }
        if (key != null && key.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--key must not be empty");
        }
        Set<String> served = new LinkedHashSet<>();
        for (String name : deployments != null ? deployments : List.<String>of()) {
            if (name.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--deployments must not name an empty deployment");
            }
            served.add(name.trim());
        }
        try {
            SimulatorSettings model = service.settings("--");
            return new SimulatorSettings(host, port, model.seed(), model.answers(), model.faults(), model.limits(),
                    new SimulatorSettings.Access(key, served), model.stall(),
                    SimulatorOptions.batches(batchDuration, batchWindow, batchQuirks, "--"), model.features());
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The deliberate trouble in force, for the startup line: faults, limits, key, deployments. */
    private static String trouble(SimulatorSettings settings) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {settings.faults().describe(), settings.limits().describe(),
                settings.access().describe(), settings.stall().describe(), settings.batches().describe()}) {
            if (!part.isEmpty()) {
                text.append(" · ").append(part);
            }
        }
        return text.toString();
    }
}
