package dev.promptbench.sim;

import com.sun.net.httpserver.Headers;

/**
 * One request as the simulator received it, detached from the HTTP exchange so that answering it
 * can be tested without a socket.
 *
 * @param method   HTTP method
 * @param path     decoded URL path
 * @param rawQuery raw query string, or null
 * @param headers  request headers (case-insensitive names)
 * @param body     the complete request body
 * @param number   1-based arrival number at this simulator
 */
record SimRequest(String method, String path, String rawQuery, Headers headers, byte[] body, long number) {}
