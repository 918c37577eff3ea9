package conclave.protocol;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode and decode throughput of one channel_msg frame with a plain body, bincode against JSON.
 * Run: ./mvnw -B -q test-compile exec:exec@jmh -Djmh.args="FrameCodecBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s"
 *
 * <p>The body is printable ASCII with a space every eight characters, so JSON escapes nothing;
 * the frame and both encoded forms are built once in {@link #buildInputs()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameCodecBenchmark {
    /** The two wire encodings of the protocol. */
    public enum Encoding {
        BINCODE,
        JSON
    }

    @Param
    public Encoding encoding;

    @Param({"0", "1024", "65536"})
    public int bodyBytes;

    private final BincodeCodec bincode = new BincodeCodec();
    private final JsonFrameCodec json = new JsonFrameCodec();
    private Frame frame;
    private byte[] bincodeBytes;
    private String jsonText;

    @Setup
    public void buildInputs() {
        var body = new StringBuilder(bodyBytes);
        for (int i = 0; i < bodyBytes; i++) {
            body.append(i % 8 == 7 ? ' ' : (char) ('a' + i % 26));
        }
        frame = new Frame.ChannelMsg("lobby", new SessionPath("aaron", "workstation", "razel"),
                new Payload.Plain(body.toString()));
        bincodeBytes = bincode.encode(frame);
        jsonText = json.encode(frame);
    }

    @Benchmark
    public Object encode() {
        return switch (encoding) {
            case BINCODE -> bincode.encode(frame);
            case JSON -> json.encode(frame);
        };
    }

    @Benchmark
    public Frame decode() throws DecodeException {
        return switch (encoding) {
            case BINCODE -> bincode.decode(bincodeBytes).frame();
            case JSON -> json.decode(jsonText);
        };
    }
}
