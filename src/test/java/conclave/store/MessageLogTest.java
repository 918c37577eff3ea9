package conclave.store;

import static conclave.store.ChannelsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import conclave.protocol.Visibility;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageLogTest extends StoreContract {
    private static final String ALICE = "alice/box/s1";
    private Store store;

    @BeforeEach
    void createChannels() {
        store = fixture.store();
        store.createChannel("lobby", Visibility.PUBLIC, "alice", StoreFixture.NO_CAP);
        store.createChannel("ops", Visibility.PRIVATE, "alice", StoreFixture.NO_CAP);
    }

    @Test
    void appendMessage_clockAhead_usesTheClock() {
        assertThat(store.appendMessage("lobby", ALICE, bytes("one"), 1_000)).hasValue(1_000);
        assertThat(store.appendMessage("lobby", ALICE, bytes("two"), 2_000)).hasValue(2_000);
    }

    @Test
    void appendMessage_sameMillisecond_getsTheNextMillisecond() {
        long first = store.appendMessage("lobby", ALICE, bytes("one"), 1_000).orElseThrow();
        long second = store.appendMessage("lobby", ALICE, bytes("two"), 1_000).orElseThrow();

        assertThat(second).isEqualTo(first + 1);
    }

    @Test
    void appendMessage_clockSteppedBack_stillStrictlyIncreasing() {
        store.appendMessage("lobby", ALICE, bytes("one"), 50_000);

        long afterStepBack = store.appendMessage("lobby", ALICE, bytes("two"), 10_000).orElseThrow();
        long later = store.appendMessage("lobby", ALICE, bytes("three"), 20_000).orElseThrow();

        assertThat(afterStepBack).isEqualTo(50_001);
        assertThat(later).isEqualTo(50_002);
    }

    @Test
    void appendMessage_otherChannel_hasItsOwnSequence() {
        store.appendMessage("lobby", ALICE, bytes("one"), 50_000);

        assertThat(store.appendMessage("ops", ALICE, bytes("two"), 10_000)).hasValue(10_000);
    }

    @Test
    void appendMessage_absentChannel_isEmptyAndStoresNothing() {
        assertThat(store.appendMessage("nope", ALICE, bytes("lost"), 1_000)).isEmpty();
        assertThat(store.readSince("nope", 0, 500, 0)).isEmpty();
    }

    @Test
    void readSince_zero_returnsEverythingOldestFirstWithPayloadVerbatim() {
        byte[] binary = {0, 1, 2, (byte) 0xff, 0};
        long one = store.appendMessage("lobby", ALICE, bytes("one"), 1_000).orElseThrow();
        long two = store.appendMessage("lobby", "bob/laptop/s", binary, 2_000).orElseThrow();

        List<MessageRecord> page = store.readSince("lobby", 0, 500, 0);

        assertThat(page).containsExactly(
                new MessageRecord(ALICE, bytes("one"), one), new MessageRecord("bob/laptop/s", binary, two));
    }

    @Test
    void readSince_firstTimestamp_returnsOnlyLaterRows() {
        long one = store.appendMessage("lobby", ALICE, bytes("one"), 1_000).orElseThrow();
        store.appendMessage("lobby", ALICE, bytes("two"), 2_000);

        List<MessageRecord> page = store.readSince("lobby", one, 500, 0);

        assertThat(page).extracting(MessageRecord::tsMs).containsExactly(2_000L);
    }

    @Test
    void readSince_negativeSince_returnsEverything() {
        store.appendMessage("lobby", ALICE, bytes("one"), 1_000);

        assertThat(store.readSince("lobby", -5, 500, Long.MIN_VALUE)).hasSize(1);
    }

    @Test
    void readSince_limitOne_returnsTheOldest() {
        store.appendMessage("lobby", ALICE, bytes("one"), 1_000);
        store.appendMessage("lobby", ALICE, bytes("two"), 2_000);

        assertThat(store.readSince("lobby", 0, 1, 0)).extracting(MessageRecord::tsMs).containsExactly(1_000L);
    }

    @Test
    void readSince_500RowsStored_returnsAll500() {
        appendMany(500);

        assertThat(store.readSince("lobby", 0, 500, 0)).hasSize(500);
    }

    @Test
    void readSince_501RowsAndLargerLimit_cappedAt500OldestFirst() {
        appendMany(501);

        List<MessageRecord> page = store.readSince("lobby", 0, 10_000, 0);

        assertThat(page).hasSize(500);
        assertThat(page.get(0).tsMs()).isEqualTo(1);
        assertThat(page.get(499).tsMs()).isEqualTo(500);
        assertThat(store.readSince("lobby", 500, 10_000, 0)).extracting(MessageRecord::tsMs).containsExactly(501L);
    }

    @Test
    void readSince_limitBelowOne_rejected() {
        assertThatThrownBy(() -> store.readSince("lobby", 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("history limit must be at least 1, got 0");
    }

    @Test
    void readSince_otherChannelsRows_notIncluded() {
        store.appendMessage("lobby", ALICE, bytes("public"), 1_000);
        store.appendMessage("ops", ALICE, bytes("private"), 2_000);

        assertThat(store.readSince("lobby", 0, 500, 0)).extracting(MessageRecord::tsMs).containsExactly(1_000L);
        assertThat(store.readSince("ops", 0, 500, 0)).extracting(MessageRecord::tsMs).containsExactly(2_000L);
    }

    @Test
    void readSince_rowsOlderThanTheRetentionCutoff_filteredBeforeAnyPurge() {
        store.appendMessage("lobby", ALICE, bytes("old"), 1_000);
        store.appendMessage("lobby", ALICE, bytes("at cutoff"), 2_000);
        store.appendMessage("lobby", ALICE, bytes("new"), 3_000);

        List<MessageRecord> page = store.readSince("lobby", 0, 500, 2_000);

        assertThat(page).extracting(MessageRecord::tsMs).containsExactly(2_000L, 3_000L);
    }

    @Test
    void purgeMessagesOlderThan_cutoff_removesOnlyRowsBelowIt() {
        store.appendMessage("lobby", ALICE, bytes("old"), 1_000);
        store.appendMessage("ops", ALICE, bytes("old too"), 1_500);
        store.appendMessage("lobby", ALICE, bytes("at cutoff"), 2_000);
        store.appendMessage("ops", ALICE, bytes("new"), 3_000);

        int purged = store.purgeMessagesOlderThan(2_000);

        assertThat(purged).isEqualTo(2);
        assertThat(store.readSince("lobby", 0, 500, 0)).extracting(MessageRecord::tsMs).containsExactly(2_000L);
        assertThat(store.readSince("ops", 0, 500, 0)).extracting(MessageRecord::tsMs).containsExactly(3_000L);
    }

    @Test
    void appendMessage_thenReopen_theRowIsStillThere() {
        long ts = store.appendMessage("lobby", ALICE, bytes("durable"), 1_000).orElseThrow();

        Store reopened = fixture.reopen();

        assertThat(reopened.readSince("lobby", 0, 500, 0)).containsExactly(new MessageRecord(ALICE, bytes("durable"), ts));
    }

    @Test
    void messageRecord_toString_showsTheSizeNotThePayload() {
        MessageRecord message = new MessageRecord(ALICE, bytes("do not log me"), 1);

        assertThat(message.toString()).doesNotContain("do not log me").contains("13 bytes");
    }

    @Test
    void messageRecord_payload_isCopiedInAndOut() {
        byte[] payload = bytes("abc");
        MessageRecord message = new MessageRecord(ALICE, payload, 1);

        payload[0] = 'x';
        message.payload()[1] = 'x';

        assertThat(message.payload()).isEqualTo(bytes("abc"));
    }

    private void appendMany(int count) {
        for (int i = 1; i <= count; i++) {
            store.appendMessage("lobby", ALICE, bytes("m" + i), i);
        }
    }
}
