package dev.promptbench.control;

import dev.promptbench.client.ChatRequest;
import dev.promptbench.client.Endpoint;
import dev.promptbench.client.Outcome;
import dev.promptbench.client.Responder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers each call with the next scripted outcome and records the attempt numbers it was sent. */
final class ScriptedResponder implements Responder {
    private final Deque<Outcome> script;
    private final List<Integer> attempts = new ArrayList<>();

    ScriptedResponder(Outcome... outcomes) {
        this.script = new ArrayDeque<>(List.of(outcomes));
    }

    @Override
    public synchronized Outcome call(ChatRequest request, Endpoint endpoint) {
        attempts.add(request.attempt());
        if (script.isEmpty()) {
            throw new AssertionError("called more often than scripted: attempt " + request.attempt());
        }
        return script.removeFirst();
    }

    /** The attempt number of every request received, in order. */
    synchronized List<Integer> attempts() {
        return List.copyOf(attempts);
    }
}
