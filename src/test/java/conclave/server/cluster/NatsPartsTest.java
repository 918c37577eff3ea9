package conclave.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NatsPartsTest {
    private static final long MAX_PAYLOAD = 1024;
    private final NatsParts alice = new NatsParts("a1");
    private final NatsParts bob = new NatsParts("b2");
    private final NatsParts receiver = new NatsParts("r3");

    @Test
    void aMessageThatFits_goesWholeWithoutAHeader() throws Exception {
        byte[] message = bytes(MAX_PAYLOAD, 1);

        List<NatsParts.Part> parts = alice.split(message, MAX_PAYLOAD);

        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.headers()).isNull();
            assertThat(part.data()).isSameAs(message);
        });
        assertThat(receiver.join(null, message)).containsSame(message);
    }

    @Test
    void aLargerMessage_goesInPartsUnderTheLimit_andComesBackWhole() throws Exception {
        for (long size : new long[] {MAX_PAYLOAD + 1, 2 * (MAX_PAYLOAD - NatsParts.HEADER_ROOM), 100_000}) {
            byte[] message = bytes(size, size);

            List<NatsParts.Part> parts = alice.split(message, MAX_PAYLOAD);

            assertThat(parts).hasSizeGreaterThan(1)
                    .allSatisfy(part -> assertThat(part.data().length + header(part).length())
                            .isLessThanOrEqualTo((int) MAX_PAYLOAD));
            assertThat(receive(receiver, parts)).containsExactly(message);
        }
    }

    @Test
    void partsOfTwoSenders_interleaved_comeBackAsTwoMessages() throws Exception {
        byte[] first = bytes(5_000, 1);
        byte[] second = bytes(3_000, 2);
        List<NatsParts.Part> fromAlice = alice.split(first, MAX_PAYLOAD);
        List<NatsParts.Part> fromBob = bob.split(second, MAX_PAYLOAD);
        List<NatsParts.Part> wire = new ArrayList<>();
        for (int i = 0; i < Math.max(fromAlice.size(), fromBob.size()); i++) {
            if (i < fromBob.size()) {
                wire.add(fromBob.get(i));
            }
            if (i < fromAlice.size()) {
                wire.add(fromAlice.get(i));
            }
        }

        assertThat(receive(receiver, wire)).containsExactly(second, first);
    }

    @Test
    void aLostPart_dropsItsMessage_andTheNextMessageStillArrives() throws Exception {
        List<NatsParts.Part> lost = alice.split(bytes(3_000, 1), MAX_PAYLOAD);
        byte[] next = bytes(3_000, 2);
        List<NatsParts.Part> following = alice.split(next, MAX_PAYLOAD);
        receiver.join(header(lost.get(0)), lost.get(0).data());

        assertThatThrownBy(() -> receiver.join(header(lost.get(2)), lost.get(2).data()))
                .isInstanceOf(NatsParts.BrokenPart.class).hasMessage("part 2 of 4 out of order; the message is dropped");
        assertThat(receive(receiver, following)).containsExactly(next);
    }

    @Test
    void aSenderThatStopsMidMessage_isForgottenWhenItStartsTheNext() throws Exception {
        List<NatsParts.Part> abandoned = alice.split(bytes(3_000, 1), MAX_PAYLOAD);
        receiver.join(header(abandoned.get(0)), abandoned.get(0).data());
        byte[] next = bytes(2_000, 2);

        assertThat(receive(receiver, alice.split(next, MAX_PAYLOAD))).containsExactly(next);
    }

    @Test
    void brokenHeaders_areRefusedWithTheReason() {
        assertBroken("a1 1 0 2", "malformed Conclave-Part header");
        assertBroken(" 1 0 2 10", "malformed Conclave-Part header");
        assertBroken("a1 x 0 2 10", "Conclave-Part field is not a number");
        assertBroken("a1 1 -1 2 10", "Conclave-Part field out of range");
        assertBroken("a1 1 0 2 " + (NatsParts.MAX_JOINED_BYTES + 1), "Conclave-Part field out of range");
        assertBroken("a1 1 2 2 10", "inconsistent Conclave-Part header");
        assertBroken("a1 1 0 1 10", "inconsistent Conclave-Part header");
        assertBroken("a1 1 1 2 10", "part 1 of 2 out of order; the message is dropped");
    }

    @Test
    void partsThatOverrunTheAnnouncedLength_dropTheMessage() throws Exception {
        receiver.join("a1 1 0 2 10", new byte[8]);

        assertThatThrownBy(() -> receiver.join("a1 1 1 2 10", new byte[8]))
                .isInstanceOf(NatsParts.BrokenPart.class).hasMessage("parts do not add up to the 10 bytes announced");
        assertThatThrownBy(() -> receiver.join("a1 1 1 2 10", new byte[2]))
                .isInstanceOf(NatsParts.BrokenPart.class).hasMessageContaining("out of order");
    }

    @Test
    void halfReceivedMessages_areBoundedInNumber() throws Exception {
        for (int i = 0; i < NatsParts.MAX_OPEN_SENDERS; i++) {
            assertThat(receiver.join("s" + i + " 1 0 2 4", new byte[2])).isEmpty();
        }

        assertBroken("another 1 0 2 4", "too many senders with a message half received");
        assertThat(receiver.join("s0 1 1 2 4", new byte[2])).isPresent();
    }

    private void assertBroken(String header, String reason) {
        assertThatThrownBy(() -> receiver.join(header, new byte[2]))
                .isInstanceOf(NatsParts.BrokenPart.class).hasMessage(reason);
    }

    private static List<byte[]> receive(NatsParts receiver, List<NatsParts.Part> wire) throws NatsParts.BrokenPart {
        List<byte[]> messages = new ArrayList<>();
        for (NatsParts.Part part : wire) {
            Optional<byte[]> whole = receiver.join(header(part), part.data());
            whole.ifPresent(messages::add);
        }
        return messages;
    }

    private static String header(NatsParts.Part part) {
        return part.headers() == null ? null : part.headers().getFirst(NatsParts.HEADER);
    }

    private static byte[] bytes(long size, long seed) {
        byte[] bytes = new byte[(int) size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
