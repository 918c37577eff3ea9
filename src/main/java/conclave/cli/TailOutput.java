package conclave.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries what {@code tail} has to say from the link's event loop, which must never block on a
 * slow terminal or pipe, to the command's thread, which prints it; and carries the end of the
 * stream (Ctrl-C, or a fatal failure) the same way, so everything said before the end is printed
 * first.
 *
 * <p>Bounded: at most {@link #CAPACITY} lines wait. A reader that falls that far behind ends the
 * tail with an error rather than letting memory grow (a few slots beyond the capacity are kept
 * for the end). Producers may call from any thread; {@link #printTo} runs on one thread.
 */
final class TailOutput {
    /** How many lines may wait for the printing thread. */
    static final int CAPACITY = 65_536;
    private static final int RESERVED_FOR_THE_END = 4;

    private sealed interface Item {}

    private record Out(String line) implements Item {}

    private record Err(String line) implements Item {}

    /** The stream is over: cleanly (Ctrl-C) or with the failure to report. */
    private record End(Optional<String> failure) implements Item {}

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>(CAPACITY + RESERVED_FOR_THE_END);
    private final AtomicBoolean ended = new AtomicBoolean();

    /** A line for stdout (the stream itself). */
    void out(String line) {
        offer(new Out(line));
    }

    /** A status line for stderr. */
    void err(String line) {
        offer(new Err(line));
    }

    /** Ends the stream cleanly: exit status 0. Later calls are ignored. */
    void stop() {
        end(new End(Optional.empty()));
    }

    /** Ends the stream with {@code ❌ <message>} and exit status 1. Later calls are ignored. */
    void fail(String message) {
        end(new End(Optional.of(message)));
    }

    /**
     * Prints lines as they come, flushing after each, until the stream ends or stdout is closed.
     *
     * @return 0 when stopped cleanly or when stdout was closed by its reader (the caller reports
     *     the closed pipe)
     * @throws IllegalStateException with the failure's message when the stream failed
     */
    int printTo(PrintWriter out, PrintWriter err) {
        while (true) {
            Item item;
            try {
                item = items.take();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return 0;
            }
            if (item instanceof Out line) {
                out.println(line.line());
                out.flush();
                if (out.checkError()) {
                    return 0; // the reader went away: end quietly
                }
            } else if (item instanceof Err line) {
                err.println(line.line());
                err.flush();
            } else if (item instanceof End end) {
                if (end.failure().isPresent()) {
                    throw new IllegalStateException(end.failure().get());
                }
                return 0;
            }
        }
    }

    private void offer(Item item) {
        if (ended.get()) {
            return;
        }
        if (items.size() >= CAPACITY) {
            fail("the output is not keeping up: " + CAPACITY + " lines are waiting to be printed");
            return;
        }
        items.offer(item);
    }

    private void end(End end) {
        if (ended.compareAndSet(false, true)) {
            items.offer(end); // room is reserved: lines stop at CAPACITY
        }
    }
}
