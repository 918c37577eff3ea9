package conclave.server;

import conclave.protocol.BincodeCodec;
import conclave.protocol.Frame;
import conclave.protocol.JsonFrameCodec;
import java.nio.charset.StandardCharsets;

/** The encoding a connection speaks, fixed by the opcode of its first message. */
enum WireEncoding {
    /** Binary messages, bincode: the Rust original's encoding. */
    BINCODE {
        @Override
        byte[] encode(Frame frame) {
            return BINCODE_CODEC.encode(frame);
        }
    },
    /** Text messages, one JSON object each. */
    JSON {
        @Override
        byte[] encode(Frame frame) {
            return JSON_CODEC.encode(frame).getBytes(StandardCharsets.UTF_8);
        }
    };

    private static final BincodeCodec BINCODE_CODEC = new BincodeCodec();
    private static final JsonFrameCodec JSON_CODEC = new JsonFrameCodec();

    abstract byte[] encode(Frame frame);
}
