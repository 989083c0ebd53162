package dev.promptbench.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat completion as the services stream it: the {@code chat.completion.chunk} events of one answer,
 * in Azure's shape on the Azure routes and OpenAI's on the OpenAI route, timed by the latency plan.
 *
 * <p>Azure opens with an event that has empty {@code choices} and the prompt's filter verdicts, then a
 * role-only delta; OpenAI opens with the role and empty content. Content deltas follow, each carrying
 * {@code tokensPerChunk} answer tokens (the last may carry fewer), then an event with the finish reason
 * and an empty delta, then (when asked) the usage event, then {@code [DONE]}. The first content delta is
 * due at the plan's first token and one follows every {@code tokenDelay × tokensPerChunk}: the delay
 * stays per token, so bigger chunks come less often, as Azure's content filter batches them.
 */
final class CompletionStream {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String DONE = "[DONE]";

    private final String id;
    private final long created;
    private final String model;
    private final boolean azure;
    private final String serviceTier;

    /**
     * @param id      the completion's id, the same in every chunk
     * @param created the {@code created} epoch second, the same in every chunk
     * @param model   the model named in every chunk
     * @param azure   true for Azure's shape (filter event and verdicts)
     * @param serviceTier the tier named in every chunk, or null for none
     */
    CompletionStream(String id, long created, String model, boolean azure, String serviceTier) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.azure = azure;
        this.serviceTier = serviceTier;
    }

    /** A stream that names no service tier. */
    CompletionStream(String id, long created, String model, boolean azure) {
        this(id, created, model, azure, null);
    }

    /**
     * The writes of one streamed answer of one plain-text choice: the opening events at once, then one write
     * per content event. The last write also carries the finish event, the usage event if asked, and
     * {@code [DONE]}.
     *
     * @param pieces         the answer, one piece per token (see {@link AnswerText#pieces})
     * @param plan           the latency plan: first-token time and finish reason
     * @param tokenDelay     time per token after the first
     * @param tokensPerChunk tokens per content event, at least 1
     * @param usage          the usage object to send before {@code [DONE]}, or null for none
     */
    List<SseWrite> writes(List<String> pieces, ServicePlan plan, Duration tokenDelay, int tokensPerChunk,
                          ObjectNode usage) {
        return writes(List.of(new ChoiceAnswer(0, pieces, plan.finishReason(), null, null)), plan, tokenDelay,
                tokensPerChunk, usage, -1);
    }

    /**
     * The writes of one streamed answer of any number of choices, each a message or a tool call: the
     * opening events at once (for a tool call, the call's id and name with empty arguments), then one write
     * per content event carrying each choice's next pieces (the content, or the call's arguments, with their
     * log probabilities when asked). The last write also carries each choice's finish event, the usage
     * event if asked, and {@code [DONE]}.
     *
     * @param topLogprobs alternatives per token when log probabilities were asked for, -1 when not
     */
    List<SseWrite> writes(List<ChoiceAnswer> choices, ServicePlan plan, Duration tokenDelay, int tokensPerChunk,
                          ObjectNode usage, int topLogprobs) {
        List<String> opening = new ArrayList<>();
        if (azure) {
            opening.add(promptFilterEvent());
        }
        for (ChoiceAnswer answer : choices) {
            ObjectNode role = JSON.objectNode().put("role", "assistant");
            if (answer.call() == null) {
                role.put("content", "");
            } else {
                role.putNull("content");
                ObjectNode call = role.putArray("tool_calls").addObject().put("index", 0)
                        .put("id", answer.callId()).put("type", "function");
                call.putObject("function").put("name", answer.call().name()).put("arguments", "");
            }
            if (!azure) {
                role.putNull("refusal");
            }
            opening.add(chunk(choice(answer.index(), role, null, false, null)));
        }
        List<SseWrite> writes = new ArrayList<>();
        writes.add(new SseWrite(Duration.ZERO, opening));

        Duration every = tokenDelay.multipliedBy(tokensPerChunk);
        int events = 0;
        for (ChoiceAnswer answer : choices) {
            events = Math.max(events, (answer.pieces().size() + tokensPerChunk - 1) / tokensPerChunk);
        }
        for (int k = 0; k < events; k++) {
            List<String> write = new ArrayList<>();
            for (ChoiceAnswer answer : choices) {
                List<String> pieces = answer.pieces();
                if (k * tokensPerChunk >= pieces.size()) {
                    continue;
                }
                List<String> now = pieces.subList(k * tokensPerChunk, Math.min(pieces.size(), (k + 1) * tokensPerChunk));
                String text = String.join("", now);
                ObjectNode delta = JSON.objectNode();
                if (answer.call() == null) {
                    delta.put("content", text);
                } else {
                    delta.putArray("tool_calls").addObject().put("index", 0).putObject("function")
                            .put("arguments", text);
                }
                ObjectNode logprobs = topLogprobs < 0 || answer.call() != null ? null
                        : TokenLogprobs.of(now, topLogprobs, azure);
                write.add(chunk(choice(answer.index(), delta, null, true, logprobs)));
            }
            if (k == events - 1) {
                // The end goes in the last content event's flush: nothing is generated after it.
                for (ChoiceAnswer answer : choices) {
                    write.add(chunk(choice(answer.index(), JSON.objectNode(), answer.finishReason(), false, null)));
                }
                if (usage != null) {
                    write.add(usageEvent(usage));
                }
                write.add(DONE);
            }
            writes.add(new SseWrite(plan.firstToken().plus(every.multipliedBy(k)), write));
        }
        return writes;
    }

    /** Azure's first event: no choices and no identity, only the prompt's filter verdicts. */
    private static String promptFilterEvent() {
        ObjectNode event = JSON.objectNode();
        event.putArray("choices");
        event.put("created", 0).put("id", "").put("model", "").put("object", "");
        ObjectNode prompt = JSON.objectNode().put("prompt_index", 0);
        prompt.set("content_filter_results", ChatCompletions.filterResults());
        event.putArray("prompt_filter_results").add(prompt);
        return event.toString();
    }

    /**
     * One choice of a chunk.
     *
     * @param verdicts true when Azure would attach filter verdicts (content deltas); other Azure choices
     *                 carry an empty verdict object
     */
    private ObjectNode choice(int index, ObjectNode delta, String finishReason, boolean verdicts,
                              ObjectNode logprobs) {
        ObjectNode choice = JSON.objectNode().put("index", index);
        choice.set("delta", delta);
        if (logprobs == null) {
            choice.putNull("logprobs");
        } else {
            choice.set("logprobs", logprobs);
        }
        choice.put("finish_reason", finishReason);
        if (azure) {
            choice.set("content_filter_results", verdicts ? ChatCompletions.filterResults() : JSON.objectNode());
        }
        return choice;
    }

    private String chunk(ObjectNode choice) {
        ArrayNode choices = JSON.arrayNode().add(choice);
        return envelope(choices, null).toString();
    }

    private String usageEvent(ObjectNode usage) {
        return envelope(JSON.arrayNode(), usage).toString();
    }

    /**
     * The fields every chunk has, in each service's order: Azure sorts its keys, OpenAI leads with the
     * id. {@code usage} is null except in the usage event.
     */
    private ObjectNode envelope(ArrayNode choices, ObjectNode usage) {
        ObjectNode event = JSON.objectNode();
        if (azure) {
            event.set("choices", choices);
            event.put("created", created).put("id", id).put("model", model)
                    .put("object", "chat.completion.chunk").put("system_fingerprint", "fp_sim");
        } else {
            event.put("id", id).put("object", "chat.completion.chunk").put("created", created)
                    .put("model", model).put("system_fingerprint", "fp_sim");
            event.set("choices", choices);
        }
        if (serviceTier != null) {
            event.put("service_tier", serviceTier);
        }
        if (usage != null) {
            event.set("usage", usage);
        } else {
            event.putNull("usage");
        }
        return event;
    }
}
