package conclave.cli;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TailFeedTest {
    private static final String OPS = "ops";
    private static final SessionPath AARON = new SessionPath("aaron", "box", "cli-1");
    private static final SessionPath DAVID = new SessionPath("david", "desk", "sess");
    private static final long T = 1_700_000_000_000L;

    private final TailFeed fresh = new TailFeed(OPS, OptionalLong.empty());

    private static Frame.ChannelMsg msg(SessionPath from, String text) {
        return new Frame.ChannelMsg(OPS, from, new Payload.Plain(text));
    }

    private static HistoryMessage row(SessionPath from, long ts, String text) {
        return new HistoryMessage(from, ts, new Payload.Plain(text));
    }

    private static Frame.History page(HistoryMessage... rows) {
        return new Frame.History(OPS, Arrays.asList(rows));
    }

    /** Feeds pages until the replay ends (the last one is empty), collecting every line. */
    private static List<String> replay(TailFeed feed, long nowMs, Frame.History... pages) {
        List<String> lines = new ArrayList<>();
        for (Frame.History page : pages) {
            lines.addAll(feed.history(page, nowMs).lines());
        }
        return lines;
    }

    @Test
    void live_noReplay_printsChannelSenderAndText() {
        fresh.subscribed();

        assertThat(fresh.live(msg(AARON, "hello from the plain CLI"), T))
                .containsExactly("[ops] aaron/box/cli-1: hello from the plain CLI");
    }

    @Test
    void subscribed_withoutSinceOrTraffic_replaysNothing() {
        assertThat(fresh.subscribed()).isEmpty();
        assertThat(fresh.subscribed()).isEmpty();
    }

    @Test
    void subscribed_withSince_readsFromWatermarkMinusFiveSeconds() {
        TailFeed feed = new TailFeed(OPS, OptionalLong.of(T - 3_600_000));

        assertThat(feed.subscribed()).hasValue(T - 3_600_000 - 5_000);
    }

    @Test
    void subscribed_afterALiveLine_resumesFiveSecondsBeforeIt() {
        fresh.subscribed();
        fresh.live(msg(AARON, "before-restart"), T);

        assertThat(fresh.subscribed()).hasValue(T - 5_000);
    }

    @Test
    void history_pagesGoOnFromTheNewestRowUntilAnEmptyPage() {
        TailFeed feed = new TailFeed(OPS, OptionalLong.of(T));
        feed.subscribed();

        TailFeed.Page first = feed.history(page(row(AARON, T + 1, "a"), row(DAVID, T + 2, "b")), T + 10);
        TailFeed.Page last = feed.history(page(), T + 10);

        assertThat(first.lines()).containsExactly("[ops] aaron/box/cli-1: a", "[ops] david/desk/sess: b");
        assertThat(first.nextSince()).hasValue(T + 2);
        assertThat(last.lines()).isEmpty();
        assertThat(last.nextSince()).isEmpty();
        assertThat(feed.watermark()).hasValue(T + 2);
    }

    @Test
    void history_pageThatDoesNotMoveForward_endsTheReplay() {
        TailFeed feed = new TailFeed(OPS, OptionalLong.of(T));
        feed.subscribed();

        TailFeed.Page stuck = feed.history(page(row(AARON, T - 9_000, "old")), T);

        assertThat(stuck.nextSince()).isEmpty();
    }

    @Test
    void history_newestRowOlderThanTheWatermark_keepsTheWatermark() {
        fresh.subscribed();
        fresh.live(msg(AARON, "x"), T);
        fresh.subscribed();

        fresh.history(page(row(AARON, T - 1_000, "x")), T + 50);

        assertThat(fresh.watermark()).hasValue(T);
    }

    @Test
    void replay_afterReconnect_skipsTheLinesPrintedLiveAndPrintsTheMissedOnes() {
        fresh.subscribed();
        fresh.live(msg(AARON, "before-restart"), T);
        fresh.subscribed();

        List<String> lines = replay(fresh, T + 9_000,
                page(row(AARON, T - 2, "before-restart"), row(DAVID, T + 4_000, "during-outage")), page());

        assertThat(lines).containsExactly("[ops] david/desk/sess: during-outage");
    }

    @Test
    void replay_sameTextSaidAgainDuringTheOutage_isPrintedOnce() {
        fresh.subscribed();
        fresh.live(msg(AARON, "ok"), T);
        fresh.subscribed();

        List<String> lines = replay(fresh, T + 9_000, page(row(AARON, T - 1, "ok"), row(AARON, T + 3_000, "ok")), page());

        assertThat(lines).containsExactly("[ops] aaron/box/cli-1: ok");
    }

    @Test
    void replay_lineOlderThanTheReplayStart_isForgottenAndCannotHideANewOne() {
        fresh.subscribed();
        fresh.live(msg(AARON, "ok"), T);
        fresh.live(msg(DAVID, "later"), T + 20_000);
        fresh.subscribed(); // reads from T + 15 s: the first "ok" cannot come back

        List<String> lines = replay(fresh, T + 30_000,
                page(row(DAVID, T + 19_999, "later"), row(AARON, T + 25_000, "ok")), page());

        assertThat(lines).containsExactly("[ops] aaron/box/cli-1: ok");
    }

    @Test
    void replay_secondReconnect_skipsRowsTheFirstReplayPrinted() {
        TailFeed feed = new TailFeed(OPS, OptionalLong.of(T));
        feed.subscribed();
        replay(feed, T + 100, page(row(AARON, T + 50, "one")), page());
        feed.subscribed(); // watermark T + 50: reads from T - 4 950

        List<String> lines = replay(feed, T + 200, page(row(AARON, T + 50, "one"), row(DAVID, T + 150, "two")), page());

        assertThat(lines).containsExactly("[ops] david/desk/sess: two");
    }

    @Test
    void live_duringReplay_isHeldAndPrintedAfterTheReplayInOrder() {
        TailFeed feed = new TailFeed(OPS, OptionalLong.of(T));
        feed.subscribed();

        List<String> whileReplaying = feed.live(msg(DAVID, "live-1"), T + 10);
        List<String> lines = replay(feed, T + 20, page(row(AARON, T + 5, "backlog")), page());

        assertThat(whileReplaying).isEmpty();
        assertThat(lines).containsExactly("[ops] aaron/box/cli-1: backlog", "[ops] david/desk/sess: live-1");
        assertThat(feed.watermark()).hasValue(T + 10);
    }

    @Test
    void live_duringReplay_thatTheReplayAlsoReturned_isPrintedOnce() {
        TailFeed feed = new TailFeed(OPS, OptionalLong.of(T));
        feed.subscribed();

        feed.live(msg(DAVID, "both"), T + 10);
        List<String> lines = replay(feed, T + 20, page(row(AARON, T + 5, "backlog"), row(DAVID, T + 9, "both")), page());

        assertThat(lines).containsExactly("[ops] aaron/box/cli-1: backlog", "[ops] david/desk/sess: both");
    }

    @Test
    void live_echoOfAReplayedRowJustAfterTheReplay_isSkipped() {
        TailFeed feed = new TailFeed(OPS, OptionalLong.of(T));
        feed.subscribed();
        replay(feed, T + 20, page(row(DAVID, T + 9, "both")), page());

        assertThat(feed.live(msg(DAVID, "both"), T + 30)).isEmpty();
        assertThat(feed.live(msg(DAVID, "both"), T + 40)).containsExactly("[ops] david/desk/sess: both");
    }

    @Test
    void live_sameTextAsAReplayedRowLongAfterTheReplay_isPrinted() {
        TailFeed feed = new TailFeed(OPS, OptionalLong.of(T));
        feed.subscribed();
        replay(feed, T + 20, page(row(DAVID, T + 9, "ok")), page());

        assertThat(feed.live(msg(DAVID, "ok"), T + 20 + TailFeed.SLACK_MS + 1)).containsExactly("[ops] david/desk/sess: ok");
    }

    @Test
    void live_sameTextTwiceWithoutReplay_isPrintedTwice() {
        fresh.subscribed();

        assertThat(fresh.live(msg(AARON, "ok"), T)).hasSize(1);
        assertThat(fresh.live(msg(AARON, "ok"), T + 1)).hasSize(1);
    }

    @Test
    void subscribed_again_dropsAnUnfinishedReplaysHeldLines() {
        TailFeed feed = new TailFeed(OPS, OptionalLong.of(T));
        feed.subscribed();
        feed.live(msg(DAVID, "held"), T + 10);

        feed.subscribed();
        List<String> lines = replay(feed, T + 20, page(row(DAVID, T + 9, "held")), page());

        assertThat(lines).containsExactly("[ops] david/desk/sess: held");
    }

    @Test
    void live_otherChannel_isIgnored() {
        fresh.subscribed();

        assertThat(fresh.live(new Frame.ChannelMsg("elsewhere", AARON, new Payload.Plain("x")), T)).isEmpty();
    }

    @Test
    void whisper_printsWhisperTagAndSender() {
        Frame.Whisper whisper = new Frame.Whisper(DAVID, AARON, new Payload.Plain("psst"));

        assertThat(fresh.whisper(whisper)).containsExactly("[whisper] david/desk/sess: psst");
    }

    @Test
    void line_encryptedPayload_printsThePlaceholder() {
        Payload sealed = new Payload.Encrypted(Bytes.of(new byte[] {1, 2, 3}), Optional.empty());

        assertThat(TailFeed.line(OPS, AARON, sealed)).isEqualTo("[ops] aaron/box/cli-1: <end-to-end-encrypted payload>");
    }

    @Test
    void line_controlCharactersInBodyAndSender_areEscaped() {
        SessionPath forged = new SessionPath("mal\u001b[31m", "box", "s");

        assertThat(TailFeed.line(OPS, forged, new Payload.Plain("a\nb\u001b]0;x\u0007")))
                .isEqualTo("[ops] mal\\u001b[31m/box/s: a\\nb\\u001b]0;x\\u0007");
    }

    @Test
    void remembered_isCappedAtAThousandLines() {
        fresh.subscribed();
        for (int i = 0; i <= TailFeed.REMEMBERED; i++) {
            fresh.live(msg(AARON, "n" + i), T + i);
        }
        fresh.subscribed();

        // "n0" was pushed out of memory, so its replayed copy prints again: a repeat, never a loss.
        List<String> lines = replay(fresh, T + 5_000, page(row(AARON, T, "n0"), row(AARON, T + 1_000, "n1000")), page());

        assertThat(lines).containsExactly("[ops] aaron/box/cli-1: n0");
    }
}
