package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.protocol.Bytes;
import conclave.protocol.Payload;
import conclave.protocol.ReceiptState;
import conclave.protocol.SessionPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {
    private static final SessionPath PATH = new SessionPath("alice", "box", "cli");
    private final ClusterCodec codec = new ClusterCodec();

    @Test
    void decode_everyEventKind_roundTripsWithItsOrigin() throws Exception {
        List<ClusterEvent> events = List.of(
                new ClusterEvent.Heartbeat(Map.of(PATH, Set.of("lobby", "ops"), new SessionPath("b", "m", "s"), Set.of())),
                new ClusterEvent.SessionUp(PATH, 1_700_000_000_000L),
                new ClusterEvent.SessionDown(PATH),
                new ClusterEvent.Subscribed(PATH, "lobby"),
                new ClusterEvent.Unsubscribed(PATH, "lobby"),
                new ClusterEvent.Posted("lobby", 41, 42, PATH, new Payload.Plain("héllo")),
                new ClusterEvent.Posted("lobby", 0, 1, PATH, new Payload.Encrypted(Bytes.of(new byte[] {1, 2, 3}), Optional.of("k1"))),
                new ClusterEvent.Whispered("node-b", PATH, new SessionPath("bob", "box", "cli"), new Payload.Plain("psst")),
                new ClusterEvent.Banned("lobby", "mallory"),
                new ClusterEvent.Unbanned("lobby", "mallory"),
                new ClusterEvent.UserUnsubscribed("lobby", "bob"),
                new ClusterEvent.PathUnsubscribed("lobby", PATH),
                new ClusterEvent.ChannelRenamed("lobby", "hall"),
                new ClusterEvent.ChannelDropped("hall"),
                new ClusterEvent.UserDropped("bob", ForceDrop.USER_REMOVED),
                new ClusterEvent.MachineDropped("bob", "box", ForceDrop.MACHINE_REVOKED),
                new ClusterEvent.Leaving(),
                new ClusterEvent.InboxQueued(SessionPath.ofUser("bob"), PATH),
                new ClusterEvent.InboxQueued(PATH, new SessionPath("b", "m", "s")),
                new ClusterEvent.Receipted("node-b", PATH, -7L, ReceiptState.READ));

        for (ClusterEvent event : events) {
            ClusterCodec.Envelope decoded = codec.decode(codec.encode("node-a", event));

            assertThat(decoded).isEqualTo(new ClusterCodec.Envelope("node-a", event));
        }
    }

    @Test
    void decode_truncatedEvent_isMalformedNotACrash() {
        byte[] whole = codec.encode("node-a", new ClusterEvent.Posted("lobby", 1, 2, PATH, new Payload.Plain("body")));

        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> codec.decode(cut)).isInstanceOf(ClusterCodec.MalformedEvent.class);
        }
    }

    @Test
    void decode_badReceiptStateOrRecipient_isMalformed() {
        byte[] receipt = codec.encode("node-a", new ClusterEvent.Receipted("node-b", PATH, 1, ReceiptState.DELIVERED));
        receipt[receipt.length - 1] = 2;
        byte[] queued = codec.encode("node-a", new ClusterEvent.InboxQueued(SessionPath.ofUser("b"), PATH));
        // version, origin "node-a" (2 + 6 bytes), tag: the recipient's length is at 10-11, its "b" at 12
        byte[] empty = new byte[queued.length - 1];
        System.arraycopy(queued, 0, empty, 0, 12);
        System.arraycopy(queued, 13, empty, 12, queued.length - 13);
        empty[11] = 0;

        assertThatThrownBy(() -> codec.decode(receipt)).hasMessageContaining("receipt state 2");
        assertThatThrownBy(() -> codec.decode(empty)).hasMessageContaining("empty whisper recipient");
    }

    @Test
    void decode_unknownVersionOrTag_isMalformed() {
        byte[] event = codec.encode("node-a", new ClusterEvent.Leaving());
        byte[] otherVersion = event.clone();
        otherVersion[0] = 9;
        byte[] otherTag = event.clone();
        otherTag[otherTag.length - 1] = (byte) 200;

        assertThatThrownBy(() -> codec.decode(otherVersion)).hasMessageContaining("format 9");
        assertThatThrownBy(() -> codec.decode(otherTag)).hasMessageContaining("tag 200");
    }
}
