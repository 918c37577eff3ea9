package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChannelSequencerTest {
    private static final long GAP_WAIT = TimeUnit.SECONDS.toNanos(3);
    private static final long START_WAIT = TimeUnit.MILLISECONDS.toNanos(ChannelSequencer.START_WAIT_MILLIS);

    private final List<Long> delivered = new ArrayList<>();
    private final ChannelSequencer sequencer = new ChannelSequencer(GAP_WAIT, posted -> delivered.add(posted.tsMs()));

    @Test
    void accept_inChainOrder_deliversAtOnce() {
        sequencer.accept(posted(0, 10), 0);
        sequencer.accept(posted(10, 11), 0);

        assertThat(delivered).containsExactly(10L, 11L);
    }

    @Test
    void accept_successorBeforeItsPredecessor_waitsThenDeliversBothInOrder() {
        sequencer.accept(posted(0, 10), 0);

        sequencer.accept(posted(11, 12), 0);
        assertThat(delivered).containsExactly(10L);
        sequencer.accept(posted(10, 11), 0);

        assertThat(delivered).containsExactly(10L, 11L, 12L);
    }

    @Test
    void expireGaps_predecessorLostForTheGapWait_deliversTheWaitingInOrder() {
        sequencer.accept(posted(0, 10), 0);
        sequencer.accept(posted(12, 13), 0);
        sequencer.accept(posted(11, 12), 0);

        sequencer.expireGaps(GAP_WAIT - 1);
        assertThat(delivered).containsExactly(10L);
        sequencer.expireGaps(GAP_WAIT);

        assertThat(delivered).containsExactly(10L, 12L, 13L);
    }

    @Test
    void accept_lateMessageAfterItsGapExpired_isStillDelivered() {
        sequencer.accept(posted(0, 10), 0);
        sequencer.accept(posted(11, 12), 0);
        sequencer.expireGaps(GAP_WAIT);

        sequencer.accept(posted(10, 11), GAP_WAIT);

        assertThat(delivered).containsExactly(10L, 12L, 11L);
    }

    @Test
    void accept_firstSeenIsNotTheChannelsFirst_waitsTheStartWaitForItsPredecessor() {
        sequencer.accept(posted(20, 21), 0);
        sequencer.accept(posted(19, 20), 0);
        assertThat(delivered).isEmpty();

        sequencer.expireGaps(START_WAIT);

        assertThat(delivered).containsExactly(20L, 21L);
    }

    @Test
    void accept_channelsFirstEverMessage_isDeliveredAtOnceAndReleasesItsFollowers() {
        sequencer.accept(posted(5, 6), 0);

        sequencer.accept(posted(0, 5), 0);

        assertThat(delivered).containsExactly(5L, 6L);
    }

    @Test
    void forget_deletedChannel_startsItsLineAfresh() {
        sequencer.accept(posted(0, 100), 0);
        sequencer.forget("c");

        sequencer.accept(posted(0, 50), 0);

        assertThat(delivered).containsExactly(100L, 50L);
    }

    private static ClusterEvent.Posted posted(long previous, long ts) {
        return new ClusterEvent.Posted("c", previous, ts, new SessionPath("u", "m", "s"), new Payload.Plain("b"));
    }
}
