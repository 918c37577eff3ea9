package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Frame;
import conclave.protocol.FrameKind;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolError;
import conclave.protocol.ReceiptState;
import conclave.protocol.SessionPath;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {
    private static final Frame ACK = new Frame.Ack(Optional.empty());
    private static final Frame PONG = new Frame.Pong();
    private static final Frame.ChannelMsg MESSAGE =
            new Frame.ChannelMsg("ops", new SessionPath("a", "b", "c"), new Payload.Plain("hi"));
    private static final Frame.Error NOT_FOUND = new Frame.Error(new ProtocolError.NotFound("channel `x` not found"));

    private final PendingReplies<String> pending = new PendingReplies<>(4);

    @Test
    void route_repliesInOrder_answerRequestsInOrder() {
        pending.offerRequest("join", FrameKind.JOIN);
        pending.offerRequest("list", FrameKind.LIST_CHANNELS);

        var first = pending.route(new Frame.Joined("ops"));
        var second = pending.route(new Frame.ChannelList(List.of()));

        assertThat(first).isEqualTo(new PendingReplies.Answer<>("join", new Frame.Joined("ops")));
        assertThat(second).isEqualTo(new PendingReplies.Answer<>("list", new Frame.ChannelList(List.of())));
        assertThat(pending.size()).isZero();
    }

    @Test
    void route_pongOfAKeepaliveBetweenRequests_answersNoRequest() {
        pending.offerRequest("first", FrameKind.LEAVE);
        pending.offerKeepalive();
        pending.offerRequest("second", FrameKind.LEAVE);

        var first = pending.route(ACK);
        var pong = pending.route(PONG);
        var second = pending.route(ACK);

        assertThat(first).isEqualTo(new PendingReplies.Answer<>("first", ACK));
        assertThat(pong).isEqualTo(new PendingReplies.KeepaliveAnswered<>());
        assertThat(second).isEqualTo(new PendingReplies.Answer<>("second", ACK));
        assertThat(pending.keepaliveOutstanding()).isFalse();
    }

    @Test
    void route_inboxExtensionPushes_leaveTheQueueAlone_andCapabilitiesIsAReply() {
        pending.offerRequest("negotiate", FrameKind.CAPABILITIES);
        Frame receipt = new Frame.Receipt(7, ReceiptState.READ);
        Frame whisper = new Frame.InboxWhisper(7, new SessionPath("a", "w", "r"),
                SessionPath.ofUser("b"), 1, new Payload.Plain("x"));
        Frame accepted = new Frame.Capabilities(List.of("inbox"));

        assertThat(pending.route(receipt)).isEqualTo(new PendingReplies.Pushed<>(receipt));
        assertThat(pending.route(whisper)).isEqualTo(new PendingReplies.Pushed<>(whisper));
        assertThat(pending.route(accepted)).isEqualTo(new PendingReplies.Answer<>("negotiate", accepted));
        assertThat(pending.size()).isZero();
    }

    @Test
    void route_pushedMessageBetweenReplies_leavesTheQueueAlone() {
        pending.offerRequest("send", FrameKind.CHANNEL_MSG);

        var pushed = pending.route(MESSAGE);
        var answer = pending.route(ACK);

        assertThat(pushed).isEqualTo(new PendingReplies.Pushed<>(MESSAGE));
        assertThat(answer).isEqualTo(new PendingReplies.Answer<>("send", ACK));
    }

    @Test
    void route_serverInfo_isARoleSignalNotAReply() {
        pending.offerRequest("who", FrameKind.WHO);

        assertThat(pending.route(new Frame.ServerInfo(true))).isEqualTo(new PendingReplies.AdminSignal<>(true));
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void route_errorWithARequestWaiting_answersIt() {
        pending.offerRequest("join", FrameKind.JOIN);

        assertThat(pending.route(NOT_FOUND)).isEqualTo(new PendingReplies.Answer<>("join", NOT_FOUND));
    }

    @Test
    void route_errorWithNothingWaiting_isUnsolicited() {
        assertThat(pending.route(NOT_FOUND)).isEqualTo(new PendingReplies.UnsolicitedError<>(NOT_FOUND.error()));
    }

    @Test
    void route_errorWhileAKeepaliveIsDue_isUnsolicitedAndKeepsTheKeepalive() {
        pending.offerKeepalive();

        assertThat(pending.route(NOT_FOUND)).isInstanceOf(PendingReplies.UnsolicitedError.class);
        assertThat(pending.route(PONG)).isEqualTo(new PendingReplies.KeepaliveAnswered<>());
    }

    @Test
    void route_pongForAPingRequest_answersIt() {
        pending.offerRequest("ping", FrameKind.PING);

        assertThat(pending.route(PONG)).isEqualTo(new PendingReplies.Answer<>("ping", PONG));
    }

    @Test
    void route_pongWhileAnotherRequestWaits_isStrayAndSkipped() {
        pending.offerRequest("list", FrameKind.LIST_CHANNELS);

        assertThat(pending.route(PONG)).isEqualTo(new PendingReplies.Stray<>(PONG));
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void route_replyWithNothingWaiting_isStray() {
        assertThat(pending.route(ACK)).isEqualTo(new PendingReplies.Stray<>(ACK));
    }

    @Test
    void route_replyWhereAKeepalivePongIsDue_isOutOfOrder() {
        pending.offerKeepalive();
        pending.offerRequest("leave", FrameKind.LEAVE);

        assertThat(pending.route(ACK)).isEqualTo(new PendingReplies.OutOfOrder<>(ACK));
    }

    @Test
    void route_anyKindOfReply_popsTheHeadUnchecked() {
        pending.offerRequest("join", FrameKind.JOIN);

        var answer = pending.route(new Frame.Presence(Optional.empty(), List.of()));

        assertThat(answer).isInstanceOf(PendingReplies.Answer.class);
    }

    @Test
    void offerKeepalive_oneAlreadyOutstanding_queuesNothing() {
        assertThat(pending.offerKeepalive()).isTrue();

        assertThat(pending.offerKeepalive()).isFalse();
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void offerRequest_atCapacity_isRefused() {
        for (int i = 0; i < 4; i++) {
            assertThat(pending.offerRequest("r" + i, FrameKind.LEAVE)).isTrue();
        }

        assertThat(pending.offerRequest("r4", FrameKind.LEAVE)).isFalse();
        assertThat(pending.offerKeepalive()).isFalse();
    }

    @Test
    void offerRequest_oneBelowCapacity_isAccepted() {
        for (int i = 0; i < 3; i++) {
            pending.offerRequest("r" + i, FrameKind.LEAVE);
        }

        assertThat(pending.offerRequest("r3", FrameKind.LEAVE)).isTrue();
    }

    @Test
    void drain_mixedQueue_returnsRequestsInOrderAndForgetsKeepalives() {
        pending.offerRequest("a", FrameKind.LEAVE);
        pending.offerKeepalive();
        pending.offerRequest("b", FrameKind.LEAVE);

        assertThat(pending.drain()).containsExactly("a", "b");
        assertThat(pending.size()).isZero();
        assertThat(pending.offerKeepalive()).isTrue();
    }
}
