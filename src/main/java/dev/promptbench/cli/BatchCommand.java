package dev.promptbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code promptbench batch}: the provider's Batch API (half price, its own quota, within 24 hours). */
@Command(name = "batch", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Runs a prompt file through the provider's Batch API (Azure OpenAI global/data-zone batch, "
                + "OpenAI): about half the price of online calls, a separate quota, answers within 24 hours.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done: every prompt answered", "1:some prompts failed or did not run",
            "2:usage or configuration error", "4:the Batch API refused a call (401/403/404, or still failing "
                + "after retries)", "5:internal error", "6:not finished yet (fetch without --wait, status)",
            "130:interrupted (the batches keep running)"})
final class BatchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: submit, status, fetch, run or cancel");
    }
}
