package dev.promptbench.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One Responses API answer as the services give it: the {@code response} object, or its typed stream
 * events timed by the latency plan. A reasoning model's answer holds a reasoning item before its message;
 * streamed, the reasoning item is announced when the model starts thinking and the first text delta comes
 * when its reasoning is done. An answer cut by {@code max_output_tokens} is {@code incomplete}.
 */
final class ResponseAnswer {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String id;
    private final long created;
    private final String model;
    private final String serviceTier;
    private int sequence;

    /**
     * @param id          the response's id, also the stem of its items' ids
     * @param created     the {@code created_at} epoch second
     * @param model       the model named in the answer
     * @param serviceTier the tier that served it, or null to name none
     */
    ResponseAnswer(String id, long created, String model, String serviceTier) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.serviceTier = serviceTier;
    }

    /** The whole {@code response} object: finished, with its output and usage. */
    String body(String text, ServicePlan plan, ObjectNode usage) {
        return response(plan.capped() ? "incomplete" : "completed", text, plan, usage).toString();
    }

    /**
     * The writes of the streamed answer: created and in progress at once; the reasoning item when reasoning
     * starts; the message item and its first text delta at the first visible token, one delta every
     * {@code tokenDelay × tokensPerChunk} after; the closing events and {@code response.completed} (or
     * {@code .incomplete}) with the last delta.
     */
    List<SseWrite> writes(List<String> pieces, ServicePlan plan, Duration tokenDelay, int tokensPerChunk,
                          ObjectNode usage) {
        List<SseWrite> writes = new ArrayList<>();
        ObjectNode started = response("in_progress", null, plan, null);
        writes.add(write(Duration.ZERO, event("response.created", "response", started),
                event("response.in_progress", "response", started)));
        int messageIndex = 0;
        if (plan.reasoningTokens() > 0) {
            ObjectNode reasoning = reasoningItem();
            writes.add(write(plan.reasoningStart(), itemEvent("response.output_item.added", 0, reasoning)));
            messageIndex = 1;
        }
        Duration every = tokenDelay.multipliedBy(tokensPerChunk);
        int deltas = (pieces.size() + tokensPerChunk - 1) / tokensPerChunk;
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < deltas; k++) {
            String delta = String.join("", pieces.subList(k * tokensPerChunk,
                    Math.min(pieces.size(), (k + 1) * tokensPerChunk)));
            text.append(delta);
            List<ObjectNode> events = new ArrayList<>();
            if (k == 0) {
                if (messageIndex == 1) {
                    events.add(itemEvent("response.output_item.done", 0, reasoningItem()));
                }
                ObjectNode message = message("in_progress", "");
                message.withArray("content").removeAll();
                events.add(itemEvent("response.output_item.added", messageIndex, message));
                ObjectNode part = event("response.content_part.added", null, null);
                part.put("item_id", messageId()).put("output_index", messageIndex).put("content_index", 0);
                part.set("part", outputText(""));
                events.add(part);
            }
            ObjectNode deltaEvent = event("response.output_text.delta", null, null);
            deltaEvent.put("item_id", messageId()).put("output_index", messageIndex).put("content_index", 0)
                    .put("delta", delta);
            deltaEvent.putArray("logprobs");
            events.add(deltaEvent);
            if (k == deltas - 1) {
                String status = plan.capped() ? "incomplete" : "completed";
                ObjectNode done = event("response.output_text.done", null, null);
                done.put("item_id", messageId()).put("output_index", messageIndex).put("content_index", 0)
                        .put("text", text.toString());
                events.add(done);
                ObjectNode partDone = event("response.content_part.done", null, null);
                partDone.put("item_id", messageId()).put("output_index", messageIndex).put("content_index", 0);
                partDone.set("part", outputText(text.toString()));
                events.add(partDone);
                events.add(itemEvent("response.output_item.done", messageIndex, message(status, text.toString())));
                events.add(event("response." + status, "response", response(status, text.toString(), plan, usage)));
            }
            writes.add(new SseWrite(plan.firstToken().plus(every.multipliedBy(k)),
                    events.stream().map(ObjectNode::toString).toList(),
                    events.stream().map(e -> e.get("type").asText()).toList()));
        }
        return writes;
    }

    private ObjectNode response(String status, String text, ServicePlan plan, ObjectNode usage) {
        ObjectNode response = JSON.objectNode()
                .put("id", id)
                .put("object", "response")
                .put("created_at", created)
                .put("status", status)
                .put("model", model);
        response.putNull("error");
        if (status.equals("incomplete")) {
            response.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            response.putNull("incomplete_details");
        }
        ArrayNode output = response.putArray("output");
        if (text != null) {
            if (plan.reasoningTokens() > 0) output.add(reasoningItem());
            output.add(message(status, text));
        }
        response.put("store", false);
        if (serviceTier != null) response.put("service_tier", serviceTier);
        if (usage != null) {
            response.set("usage", usage);
        } else {
            response.putNull("usage");
        }
        return response;
    }

    private ObjectNode reasoningItem() {
        ObjectNode item = JSON.objectNode().put("id", "rs_" + id).put("type", "reasoning");
        item.putArray("summary");
        return item;
    }

    private ObjectNode message(String status, String text) {
        ObjectNode item = JSON.objectNode().put("id", messageId()).put("type", "message").put("status", status)
                .put("role", "assistant");
        item.putArray("content").add(outputText(text));
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = JSON.objectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private String messageId() {
        return "msg_" + id;
    }

    private ObjectNode itemEvent(String type, int outputIndex, ObjectNode item) {
        ObjectNode event = event(type, null, null);
        event.put("output_index", outputIndex);
        event.set("item", item);
        return event;
    }

    /** An event of {@code type} with the next sequence number, and {@code field: value} when given. */
    private ObjectNode event(String type, String field, ObjectNode value) {
        ObjectNode event = JSON.objectNode().put("type", type).put("sequence_number", sequence++);
        if (field != null) event.set(field, value.deepCopy());
        return event;
    }

    private static SseWrite write(Duration at, ObjectNode... events) {
        List<String> data = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ObjectNode event : events) {
            data.add(event.toString());
            names.add(event.get("type").asText());
        }
        return new SseWrite(at, data, names);
    }
}
