package dev.promptbench.client;

import java.io.IOException;
import okio.BufferedSource;

/** Reads one streamed answer's Server-Sent Events into a {@link StreamResult}: one API's event grammar. */
interface EventStream {

    /** Reads events until the answer ends; I/O errors (the idle timeout among them) are thrown. */
    StreamResult read(BufferedSource source) throws IOException;

    /** Content-bearing events so far (for the message of a stream that broke off). */
    int contentEvents();
}
