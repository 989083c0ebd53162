package dev.promptbench.app;

import dev.promptbench.control.TokenEstimator;
import dev.promptbench.prompt.Prompt;
import dev.promptbench.prompt.PromptFileException;
import dev.promptbench.prompt.PromptSource;
import dev.promptbench.run.RequestTemplate;

/**
 * What a run would send, without sending anything: requests, prompt tokens (counted with the
 * o200k tokenizer, as the service would) and the most completion tokens the max-tokens settings allow.
 *
 * @param prompts              prompts in the file
 * @param requests             requests the run would send (every mode and repeat, warm-up requests and the canary)
 * @param promptTokens         prompt tokens over all those requests
 * @param maxCompletionTokens  the completion tokens they may produce at most, or null when some prompt has no
 *                             limit (no --max-tokens, no max_tokens on its line)
 */
public record DryRun(int prompts, long requests, long promptTokens, Long maxCompletionTokens) {

    /** Reads the prompt file once and counts. */
    public static DryRun of(RunSpec spec) throws PromptFileException {
        TokenEstimator tokens = new TokenEstimator();
        RequestTemplate template = new RequestTemplate(spec.settings());
        long passes = (long) spec.schedule().plans().size() * spec.schedule().repeats();
        long onePassTokens = 0;
        long onePassCompletion = 0;
        boolean unbounded = false;
        int firstPromptTokens = -1;
        Integer firstMax = null;
        long warmupTokens = 0;
        long warmupCompletion = 0;
        int index = 0;
        try (PromptSource source = spec.prompts().source()) {
            Prompt prompt;
            while ((prompt = source.next()) != null) {
                var request = template.requestFor(prompt);
                int promptTokens = tokens.promptTokens(request.messages());
                onePassTokens += promptTokens;
                if (request.maxTokens() == null) unbounded = true;
                else onePassCompletion += request.maxTokens();
                if (index < spec.schedule().warmupRequests()) {
                    warmupTokens += promptTokens;
                    warmupCompletion += request.maxTokens() == null ? 0 : request.maxTokens();
                }
                if (firstPromptTokens < 0) firstPromptTokens = promptTokens;
                index++;
            }
        }
        int warmups = Math.min(spec.schedule().warmupRequests(), spec.prompts().count());
        boolean canary = spec.session().canary() != null;
        long requests = passes * spec.prompts().count() + warmups + (canary ? 1 : 0);
        long promptTotal = passes * onePassTokens + warmupTokens + (canary ? Math.max(0, firstPromptTokens) : 0);
        Long completion = unbounded ? null : passes * onePassCompletion + warmupCompletion + (canary ? 1 : 0);
        return new DryRun(spec.prompts().count(), requests, promptTotal, completion);
    }
}
