package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every frame survives both encodings unchanged. */
class FrameRoundTripTest {
    private final BincodeCodec bincode = new BincodeCodec();
    private final JsonFrameCodec json = new JsonFrameCodec();

    @Provide
    Arbitrary<Frame> frames() {
        return FrameArbitraries.frames();
    }

    @Provide
    Arbitrary<Payload> payloads() {
        return FrameArbitraries.payloads();
    }

    @Property(tries = 1000)
    void bincode_anyFrame_decodesToItselfUsingEveryByte(@ForAll("frames") Frame frame)
            throws DecodeException {
        byte[] encoded = bincode.encode(frame);

        BincodeCodec.Decoded decoded = bincode.decode(encoded);

        assertThat(decoded.frame()).isEqualTo(frame);
        assertThat(decoded.bytesUsed()).isEqualTo(encoded.length);
    }

    @Property(tries = 1000)
    void json_anyFrame_decodesToItself(@ForAll("frames") Frame frame) throws DecodeException {
        String encoded = json.encode(frame);

        assertThat(json.decode(encoded)).isEqualTo(frame);
    }

    @Property(tries = 300)
    void bincodePayload_anyPayload_decodesToItself(@ForAll("payloads") Payload payload)
            throws DecodeException {
        assertThat(bincode.decodePayload(bincode.encodePayload(payload))).isEqualTo(payload);
    }
}
