package dev.promptbench.results;

import java.util.Map;

/**
 * A {@code resume} record: the run goes on in a new session from here.
 *
 * @param version   the promptbench that resumed it
 * @param startedAt when the session started, as written
 * @param remaining per mode, the prompts the session set out to send
 */
public record ResumeMark(String version, String startedAt, Map<String, Integer> remaining) {}
