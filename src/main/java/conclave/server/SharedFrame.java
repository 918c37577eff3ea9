package conclave.server;

import conclave.protocol.Frame;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A frame pushed to many sessions, encoded at most once per encoding and shared by every
 * recipient (the byte arrays are never written after encoding). Thread-safe.
 */
final class SharedFrame {
    private final Frame frame;
    private final AtomicReferenceArray<byte[]> encodings =
            new AtomicReferenceArray<>(WireEncoding.values().length);

    SharedFrame(Frame frame) {
        this.frame = frame;
    }

    Frame frame() {
        return frame;
    }

    /** The encoded bytes; two racing threads may both encode, one result wins. */
    byte[] encoded(WireEncoding encoding) {
        byte[] bytes = encodings.get(encoding.ordinal());
        if (bytes == null) {
            bytes = encoding.encode(frame);
            if (!encodings.compareAndSet(encoding.ordinal(), null, bytes)) {
                bytes = encodings.get(encoding.ordinal());
            }
        }
        return bytes;
    }
}
