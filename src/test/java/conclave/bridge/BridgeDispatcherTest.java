package conclave.bridge;

import static conclave.bridge.DispatcherRig.S1;
import static conclave.bridge.DispatcherRig.S2;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.client.LinkEvent;
import conclave.config.ConclaveConfig;
import conclave.config.PermissionLevel;
import conclave.config.PermissionOverride;
import conclave.config.PermissionScope;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.InviteInfo;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolError;
import conclave.protocol.ReceiptState;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dispatcher against reference/bridge.md §9, scenarios 14–17, 23 and 25–53, plus SPEC §6.12–§6.19. */
class BridgeDispatcherTest {
    private static final SessionPath DAVID = new SessionPath("david", "desktop", "main");
    private static final List<String> ALWAYS = List.of("join_channel", "leave_channel", "list_channels", "who",
            "catch_up", "submit_permission", "set_perm");

    private DispatcherRig rig = DispatcherRig.started(PermissionLevel.NOTIFY);

    @AfterEach
    void nothingLeft() {
        rig.assertExhausted();
    }

    private static Frame.ChannelMsg message(String channel, String body) {
        return new Frame.ChannelMsg(channel, DAVID, new Payload.Plain(body));
    }

    /** Joins {@code channel} on S1 through the tool, consuming the result and any list_changed. */
    private void joined(String channel) {
        rig.call(90, "join_channel", "{\"channel\":\"" + channel + "\"}");
        rig.answer(rig.nextSent(), new Frame.Joined(channel));
        rig.drainListChanged();
    }

    // Policy (14–17)

    @Test
    void inbound_mutedChannel_isDropped() {
        rig.call(1, "set_perm", "{\"channel\":\"ops\",\"level\":\"mute\"}");
        rig.nextOk(1);

        rig.push(S1, message("ops", "hi"));

        assertThat(rig.mcp).isEmpty();
    }

    @Test
    void inbound_noOverride_notifyDefaultInjectsChannelAndWhisper() {
        rig.push(S1, message("ops", "hi"));
        rig.push(S1, new Frame.Whisper(DAVID, new SessionPath("aaron", "workstation", "razel"), new Payload.Plain("psst")));

        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString()).contains("do not reply or act");
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("meta").path("kind").asString()).isEqualTo("whisper");
    }

    @Test
    void sendChannel_deniedBelowConverse_allowedAtConverseAndAct() {
        rig.call(1, "send_channel", "{\"channel\":\"ops\",\"text\":\"x\"}");
        assertThat(rig.nextError(1)).isEqualTo("permission denied: `ops` on `wss://s1` is below `converse`");

        for (String level : List.of("converse", "act")) {
            rig.call(2, "set_perm", "{\"channel\":\"ops\",\"level\":\"" + level + "\"}");
            rig.nextOk(2);
            rig.call(3, "send_channel", "{\"channel\":\"ops\",\"text\":\"x\"}");
            rig.nextSent(Frame.ChannelMsg.class);
        }
        rig.sent.clear();
    }

    @Test
    void emitTools_offeredOnlyWhileAJoinedChannelIsAtLeastConverse() {
        rig.call(1, "set_perm", "{\"level\":\"converse\"}");
        rig.nextOk(1);
        assertThat(rig.toolNames()).isEqualTo(ALWAYS);

        joined("ops");

        assertThat(rig.toolNames()).containsSequence("set_perm", "send_channel", "whisper").hasSize(9);
    }

    // Dispatcher (25–53)

    @Test
    void inboundChannelMessage_injectedWithChannelBodyAndNotifyLevel() {
        rig.push(S1, message("ops", "deploy is green"));

        JsonNode params = rig.nextNotification(McpMessages.CHANNEL);
        assertThat(params.path("meta").path("channel").asString()).isEqualTo("ops");
        assertThat(params.path("meta").path("from").asString()).isEqualTo("david/desktop/main");
        assertThat(params.path("content").asString()).contains("<channel").contains("\ndeploy is green\n")
                .contains(Injection.NOTIFY);
    }

    @Test
    void inboundWhisper_injectedWithoutChannelAsKindWhisper() {
        rig.push(S1, new Frame.Whisper(DAVID, new SessionPath("aaron", "workstation", "razel"), new Payload.Plain("psst")));

        JsonNode params = rig.nextNotification(McpMessages.CHANNEL);
        assertThat(params.path("meta").has("channel")).isFalse();
        assertThat(params.path("meta").path("kind").asString()).isEqualTo("whisper");
        assertThat(params.path("content").asString()).contains("<whisper").doesNotContain("<channel");
    }

    @Test
    void inboundEncryptedPayload_showsThePlaceholder() {
        rig.push(S1, new Frame.ChannelMsg("ops", DAVID,
                new Payload.Encrypted(conclave.protocol.Bytes.of((byte) 1, (byte) 2), Optional.empty())));

        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString()).contains(ReplyText.ENCRYPTED);
    }

    @Test
    void sendChannel_atNotify_isErrorAndSendsNothing() {
        rig.call(4, "send_channel", "{\"channel\":\"ops\",\"text\":\"x\"}");

        assertThat(rig.nextError(4)).contains("permission denied");
        assertThat(rig.sent).isEmpty();
    }

    @Test
    void sendChannel_atConverse_sendsPlainTextAndAnswersOnAck() {
        rig.call(1, "set_perm", "{\"channel\":\"ops\",\"level\":\"converse\"}");
        rig.nextOk(1);

        rig.call(4, "send_channel", "{\"channel\":\"ops\",\"text\":\"hello all\"}");

        assertThat(rig.mcp).isEmpty();
        DispatcherRig.Sent sent = rig.nextSent();
        assertThat(sent.frame()).isEqualTo(new Frame.ChannelMsg("ops",
                new SessionPath("aaron", "workstation", "razel"), new Payload.Plain("hello all")));
        rig.answer(sent, new Frame.Ack(Optional.empty()));
        assertThat(rig.nextOk(4)).isEqualTo("sent to ops");
    }

    @Test
    void setPerm_live_changesTheNextInjectionAndMuteDropsIt() {
        rig.call(1, "set_perm", "{\"server\":\"wss://s1\",\"channel\":\"ops\",\"level\":\"converse\"}");
        assertThat(rig.nextOk(1)).isEqualTo("permission updated");
        rig.push(S1, message("ops", "one"));
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString()).contains(Injection.CONVERSE);

        rig.call(2, "set_perm", "{\"channel\":\"ops\",\"level\":\"mute\"}");
        rig.nextOk(2);
        rig.push(S1, message("ops", "two"));

        assertThat(rig.mcp).isEmpty();
    }

    @Test
    void setPerm_whisperScope_gatesWhispers() {
        rig.call(1, "set_perm", "{\"whisper\":true,\"level\":\"mute\"}");
        rig.nextOk(1);

        rig.push(S1, new Frame.Whisper(DAVID, DAVID, new Payload.Plain("psst")));

        assertThat(rig.mcp).isEmpty();
    }

    @Test
    void setPerm_invalidLevel_namesTheArgument() {
        rig.call(1, "set_perm", "{\"level\":\"loud\"}");

        assertThat(rig.nextError(1)).isEqualTo("`level` must be mute, notify, converse, or act");
    }

    @Test
    void toolList_controlToolsAlwaysAndEmitToolsHiddenUntilAConverseJoin() {
        assertThat(rig.toolNames()).isEqualTo(ALWAYS);

        joined("ops");
        assertThat(rig.toolNames()).isEqualTo(ALWAYS);

        rig.call(1, "set_perm", "{\"channel\":\"ops\",\"level\":\"converse\"}");
        rig.nextOk(1);
        rig.drainListChanged();
        assertThat(rig.toolNames()).contains("send_channel", "whisper");
    }

    @Test
    void adminTools_appearOnServerInfoAdminAndDisappearOnNotAdmin() {
        rig.link(S1, new LinkEvent.AdminChanged(true));
        rig.drainListChanged();
        List<String> names = rig.toolNames();
        assertThat(names).hasSize(21).containsAll(ToolCatalogue.ADMIN.stream().map(ToolCatalogue.Listing::name).toList());

        rig.link(S1, new LinkEvent.AdminChanged(false));
        rig.drainListChanged();
        assertThat(rig.toolNames()).isEqualTo(ALWAYS);
    }

    @Test
    void createChannel_onAdminServer_sendsOpAndAckAnswersTheCall() {
        rig.up(S1, true);
        rig.drainListChanged();

        rig.call(5, "create_channel", "{\"name\":\"ops\",\"visibility\":\"private\"}");

        assertThat(rig.mcp).isEmpty();
        DispatcherRig.Sent sent = rig.nextSent();
        assertThat(sent.frame()).isEqualTo(new Frame.Admin(new AdminOp.CreateChannel("ops", Visibility.PRIVATE)));
        rig.answer(sent, new Frame.Ack(Optional.of("ops")));
        assertThat(rig.nextOk(5)).isEqualTo("ops");
    }

    @Test
    void createChannel_invalidVisibility_isErrorNamingTheArgument() {
        rig.up(S1, true);
        rig.drainListChanged();

        rig.call(5, "create_channel", "{\"name\":\"ops\",\"visibility\":\"secret\"}");

        assertThat(rig.nextError(5)).isEqualTo("`visibility` must be public, unlisted, or private");
    }

    @Test
    void inviteCreate_negativeOrFractionalUses_isErrorNamingTheArgument() {
        rig.up(S1, true);
        rig.drainListChanged();

        rig.call(5, "invite_create", "{\"channel\":\"ops\",\"uses\":-1}");
        assertThat(rig.nextError(5)).isEqualTo("`uses` must be an integer from 0 to 4294967295");
        rig.call(6, "invite_create", "{\"channel\":\"ops\",\"expires_in_secs\":1.5}");
        assertThat(rig.nextError(6)).startsWith("`expires_in_secs` must be an integer from 0 to");
        rig.call(7, "invite_create", "{\"channel\":\"ops\",\"uses\":4294967295,\"expires_in_secs\":60}");
        assertThat(rig.nextSent().frame()).isEqualTo(new Frame.Admin(
                new AdminOp.InviteCreate("ops", Optional.of(4294967295L), Optional.of(60L))));
        rig.call(8, "invite_create", "{\"channel\":\"ops\",\"uses\":4294967296}");
        assertThat(rig.nextError(8)).startsWith("`uses` must be");
    }

    @Test
    void joinChannel_sendsJoinAndJoinedAnswersWithJoinedText() {
        rig.call(9, "join_channel", "{\"channel\":\"ops\",\"token\":\"tok\"}");

        assertThat(rig.mcp).isEmpty();
        DispatcherRig.Sent sent = rig.nextSent();
        assertThat(sent.frame()).isEqualTo(new Frame.Join("ops", Optional.of("tok")));
        rig.answer(sent, new Frame.Joined("ops"));
        assertThat(rig.nextOk(9)).contains("joined ops");
    }

    @Test
    void answers_whisperThenWho_eachReachItsOwnCall() {
        rig.call(1, "set_perm", "{\"whisper\":true,\"level\":\"converse\"}");
        rig.nextOk(1);
        rig.call(10, "whisper", "{\"target\":\"david/desktop/main\",\"text\":\"hi\"}");
        rig.call(11, "who", "{}");
        DispatcherRig.Sent whisper = rig.nextSent();
        DispatcherRig.Sent who = rig.nextSent();

        rig.answer(whisper, new Frame.Error(new ProtocolError.NotFound("session `david/desktop/main` is not online")));
        rig.answer(who, new Frame.Presence(Optional.empty(), List.of(DAVID)));

        assertThat(rig.nextError(10)).isEqualTo("not found: session `david/desktop/main` is not online");
        assertThat(rig.nextOk(11)).isEqualTo("server-wide: david/desktop/main");
    }

    @Test
    void pendingWho_answeredErrorWhenTheLinkDrops() {
        rig.call(11, "who", "{\"channel\":\"ops\"}");
        rig.nextSent();

        rig.down(S1, Duration.ofMinutes(5));

        assertThat(rig.nextError(11)).isEqualTo("connection to `wss://s1` lost; retry");
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString()).contains("Disconnected");
    }

    @Test
    void linkUp_rejoinsJoinedChannelsAndTheirJoinedProducesNoOutput() {
        joined("ops");
        rig.down(S1, Duration.ofMinutes(5));
        rig.nextMcp();

        rig.up(S1, false);

        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString()).contains("Reconnected");
        DispatcherRig.Sent rejoin = rig.nextSent();
        assertThat(rejoin.frame()).isEqualTo(new Frame.Join("ops", Optional.empty()));
        rig.answer(rejoin, new Frame.Joined("ops"));
        assertThat(rig.mcp).isEmpty();
    }

    @Test
    void join_recordedOnlyAfterJoined() {
        rig.call(1, "set_perm", "{\"level\":\"converse\"}");
        rig.nextOk(1);
        rig.call(9, "join_channel", "{\"channel\":\"ops\"}");
        DispatcherRig.Sent join = rig.nextSent();

        assertThat(rig.toolNames()).isEqualTo(ALWAYS);

        rig.answer(join, new Frame.Joined("ops"));
        assertThat(rig.drainListChanged()).isEqualTo(1);
        assertThat(rig.toolNames()).contains("send_channel");
    }

    @Test
    void join_answeredByError_isNotRecordedAndIsError() {
        rig.call(1, "set_perm", "{\"level\":\"converse\"}");
        rig.nextOk(1);
        rig.call(9, "join_channel", "{\"channel\":\"ops\"}");

        rig.answer(rig.nextSent(), new Frame.Error(new ProtocolError.NotFound("channel `ops` not found")));

        assertThat(rig.nextError(9)).isEqualTo("not found: channel `ops` not found");
        assertThat(rig.toolNames()).isEqualTo(ALWAYS);
        rig.down(S1, Duration.ofMinutes(1));
        rig.nextMcp();
        rig.up(S1, false);
        rig.nextMcp();
        assertThat(rig.sent).isEmpty(); // nothing to re-join
    }

    @Test
    void joinChannelPerm_appliedOnlyAfterJoined() {
        rig.call(9, "join_channel", "{\"channel\":\"ops\",\"perm\":\"converse\"}");
        DispatcherRig.Sent join = rig.nextSent();
        rig.call(1, "send_channel", "{\"channel\":\"ops\",\"text\":\"early\"}");
        assertThat(rig.nextError(1)).contains("below `converse`");

        rig.answer(join, new Frame.Joined("ops"));
        rig.nextOk(9);
        assertThat(rig.drainListChanged()).isEqualTo(1);
        rig.call(2, "send_channel", "{\"channel\":\"ops\",\"text\":\"now\"}");

        assertThat(rig.nextSent().frame()).isInstanceOf(Frame.ChannelMsg.class);
    }

    @Test
    void joinChannelPerm_refusedJoin_leavesTheLevelAlone() {
        rig.call(9, "join_channel", "{\"channel\":\"ops\",\"perm\":\"converse\"}");
        rig.answer(rig.nextSent(), new Frame.Error(new ProtocolError.Unauthorized("channel `ops` is private")));
        rig.nextError(9);

        rig.call(2, "send_channel", "{\"channel\":\"ops\",\"text\":\"x\"}");

        assertThat(rig.nextError(2)).contains("below `converse`");
    }

    @Test
    void joinChannel_invalidPerm_isErrorAndSendsNothing() {
        rig.call(9, "join_channel", "{\"channel\":\"ops\",\"perm\":\"loud\"}");

        assertThat(rig.nextError(9)).isEqualTo("unknown permission level `loud` (expected mute, notify, converse, or act)");
    }

    @Test
    void joinChannel_missingChannel_isRequired() {
        rig.call(9, "join_channel", "{\"channel\":5}");

        assertThat(rig.nextError(9)).isEqualTo("`channel` is required");
    }

    @Test
    void leaveChannel_forgetsAtOnceAndAckAnswersWithLeftText() {
        joined("ops");

        rig.call(12, "leave_channel", "{\"channel\":\"ops\"}");

        DispatcherRig.Sent leave = rig.nextSent();
        assertThat(leave.frame()).isEqualTo(new Frame.Leave("ops"));
        rig.answer(leave, new Frame.Ack(Optional.of("ops")));
        assertThat(rig.nextOk(12)).contains("left ops");
        rig.down(S1, Duration.ofMinutes(1));
        rig.nextMcp();
        rig.up(S1, false);
        rig.nextMcp();
        assertThat(rig.sent).isEmpty();
    }

    @Test
    void linkDrops_firstAnnouncedSecondSilentUpAnnounced() {
        rig.down(S1, Duration.ofMinutes(5));
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString()).contains("Disconnected");
        rig.down(S1, Duration.ofMinutes(5));
        assertThat(rig.mcp).isEmpty();

        rig.up(S1, false);

        JsonNode notice = rig.nextNotification(McpMessages.CHANNEL);
        assertThat(notice.path("content").asString()).contains("Reconnected");
        assertThat(notice.path("meta").path("kind").asString()).isEqualTo("link");
        assertThat(notice.path("meta").path("server").asString()).isEqualTo(S1);
    }

    @Test
    void adminOp_withoutAdmin_refusedLocallyThenForwardedAfterServerInfo() {
        rig.call(5, "delete_channel", "{\"name\":\"ops\"}");
        assertThat(rig.nextError(5)).isEqualTo("not an admin on `wss://s1`");
        assertThat(rig.sent).isEmpty();

        rig.link(S1, new LinkEvent.AdminChanged(true));
        rig.drainListChanged();
        rig.call(6, "delete_channel", "{\"name\":\"ops\"}");

        assertThat(rig.nextSent().frame()).isEqualTo(new Frame.Admin(new AdminOp.DeleteChannel("ops")));
    }

    @Test
    void adminOp_checkedAgainstTheTargetServer() {
        rig = DispatcherRig.started(DispatcherRig.config(PermissionLevel.NOTIFY, S1, S2), Optional.empty(), true);
        rig.up(S1, true);
        rig.drainListChanged();

        rig.call(5, "delete_channel", "{\"server\":\"wss://s2\",\"name\":\"ops\"}");

        assertThat(rig.nextError(5)).isEqualTo("not an admin on `wss://s2`");
    }

    @Test
    void setPerm_makingAJoinedChannelConverse_emitsOneListChangedAndRepeatingEmitsNone() {
        joined("ops");

        rig.call(1, "set_perm", "{\"channel\":\"ops\",\"level\":\"converse\"}");
        rig.nextOk(1);
        assertThat(rig.nextMcp().path("method").asString()).isEqualTo(McpMessages.TOOLS_CHANGED);
        rig.call(2, "set_perm", "{\"channel\":\"ops\",\"level\":\"converse\"}");

        rig.nextOk(2);
        assertThat(rig.mcp).isEmpty();
    }

    @Test
    void serverInfoAdmin_emitsOneListChangedAndAMessageEmitsNone() {
        rig.link(S1, new LinkEvent.AdminChanged(true));
        assertThat(rig.nextMcp().path("method").asString()).isEqualTo(McpMessages.TOOLS_CHANGED);
        assertThat(rig.mcp).isEmpty();

        rig.push(S1, message("ops", "hi"));

        rig.nextNotification(McpMessages.CHANNEL);
        assertThat(rig.mcp).isEmpty();
    }

    @Test
    void explicitHandleFlapping_twoNoticesThenDiagnosisThenSilenceUntilStable() {
        rig = DispatcherRig.started(DispatcherRig.config(PermissionLevel.NOTIFY, S1), Optional.of("pinned"), true);
        Duration instant = Duration.ofMillis(50);
        for (int drop = 1; drop <= 2; drop++) {
            rig.down(S1, instant);
            assertThat(rig.nextMcp().path("params").path("content").asString()).contains("Disconnected")
                    .doesNotContain("--as");
            rig.up(S1, false);
            assertThat(rig.nextMcp().path("params").path("content").asString()).contains("Reconnected");
        }

        rig.down(S1, instant);
        assertThat(rig.nextMcp().path("params").path("content").asString()).contains("--as").contains("pinned");
        for (int drop = 4; drop <= 6; drop++) {
            rig.up(S1, false);
            rig.down(S1, instant);
        }
        assertThat(rig.mcp).isEmpty();
        assertThat(rig.renames).isEmpty();

        rig.up(S1, false);
        rig.down(S1, Duration.ofSeconds(31));
        assertThat(rig.nextMcp().path("params").path("content").asString()).contains("Disconnected");
    }

    @Test
    void defaultedHandleFlapping_renamesToDashTwoThenDashThree() {
        Duration instant = Duration.ofMillis(50);
        for (int drop = 1; drop <= 3; drop++) {
            rig.down(S1, instant);
            rig.up(S1, false);
        }
        List<String> contents = rig.mcp.stream().map(m -> m.path("params").path("content").asString()).toList();
        assertThat(contents.get(contents.size() - 1)).contains("`razel-2`").contains("--as");
        assertThat(rig.renames).containsExactly("razel-2");
        assertThat(rig.dispatcher.handle()).isEqualTo("razel-2");
        rig.mcp.clear();

        for (int drop = 1; drop <= 3; drop++) {
            rig.down(S1, instant);
            rig.up(S1, false);
        }

        assertThat(rig.renames).containsExactly("razel-2", "razel-3");
        assertThat(rig.mcp.stream().map(m -> m.path("params").path("content").asString()))
                .anySatisfy(text -> assertThat(text).contains("`razel-3`"));
        rig.mcp.clear();
    }

    @Test
    void catchUp_sinceTwoHours_sendsReadSinceTwoHoursBack() {
        long now = rig.clock.millis();

        rig.call(20, "catch_up", "{\"channel\":\"ops\",\"since\":\"2h\"}");

        DispatcherRig.Sent sent = rig.nextSent();
        Frame.ReadSince read = (Frame.ReadSince) sent.frame();
        assertThat(read.channel()).isEqualTo("ops");
        assertThat(read.sinceMs()).isBetween(now - 7_200_000 - 5_000, now - 7_200_000 + 5_000);
        rig.answer(sent, new Frame.History("ops", List.of()));
        assertThat(rig.nextOk(20)).isEqualTo("#ops: no retained messages in that window");
    }

    @Test
    void catchUp_historyPage_rendersBodiesSenderAndUntrusted() {
        rig.call(20, "catch_up", "{\"channel\":\"ops\",\"since\":\"2h\"}");
        DispatcherRig.Sent read = rig.nextSent();

        rig.answer(read, new Frame.History("ops", List.of(
                new HistoryMessage(DAVID, 1_772_366_400_000L, new Payload.Plain("first")),
                new HistoryMessage(DAVID, 1_772_366_401_000L, new Payload.Plain("second")))));

        assertThat(rig.nextOk(20))
                .contains("untrusted").contains("2 message(s)")
                .contains("[2026-03-01T12:00:00Z] david/desktop/main: first")
                .contains("david/desktop/main: second");
    }

    @Test
    void catchUp_invalidSince_namesTheArgument() {
        rig.call(20, "catch_up", "{\"channel\":\"ops\",\"since\":\"soon\"}");

        assertThat(rig.nextError(20)).isEqualTo("invalid `since`: invalid duration `soon`");
    }

    @Test
    void catchUp_withoutSince_startsAMinuteBeforeTheLastSeenOrAtZero() {
        long before = rig.clock.millis();
        rig.push(S1, message("ops", "live"));
        rig.nextMcp();

        rig.call(21, "catch_up", "{\"channel\":\"ops\"}");
        rig.call(22, "catch_up", "{\"channel\":\"never\"}");

        long since = rig.nextSent(Frame.ReadSince.class).sinceMs();
        assertThat(since).isPositive().isLessThanOrEqualTo(rig.clock.millis()).isGreaterThanOrEqualTo(before - 61_000);
        assertThat(rig.nextSent(Frame.ReadSince.class).sinceMs()).isZero();
    }

    @Test
    void catchUp_mutedLiveMessages_doNotAdvanceTheWatermark() {
        rig.call(1, "set_perm", "{\"channel\":\"ops\",\"level\":\"mute\"}");
        rig.nextOk(1);
        rig.push(S1, message("ops", "muted"));

        rig.call(21, "catch_up", "{\"channel\":\"ops\"}");

        assertThat(rig.nextSent(Frame.ReadSince.class).sinceMs()).isZero();
    }

    @Test
    void catchUp_afterAHistoryPage_continuesFromItsNewestServerTimestamp() {
        rig.call(20, "catch_up", "{\"channel\":\"ops\"}");
        rig.answer(rig.nextSent(), new Frame.History("ops", List.of(
                new HistoryMessage(DAVID, 5_000_000L, new Payload.Plain("x")))));
        rig.nextOk(20);

        rig.call(21, "catch_up", "{\"channel\":\"ops\"}");

        assertThat(rig.nextSent(Frame.ReadSince.class).sinceMs()).isEqualTo(5_000_000L - 60_000);
    }

    @Test
    void adminAudit_unbanAclListBanListInviteListRename() {
        rig.up(S1, true);
        rig.drainListChanged();

        rig.call(30, "unban", "{\"channel\":\"ops\",\"user\":\"bob\"}");
        DispatcherRig.Sent unban = rig.nextSent();
        assertThat(unban.frame()).isEqualTo(new Frame.Admin(new AdminOp.Unban("ops", "bob")));
        rig.answer(unban, new Frame.Ack(Optional.of("bob")));
        assertThat(rig.nextOk(30)).isEqualTo("bob");

        rig.call(31, "acl_list", "{\"channel\":\"ops\"}");
        rig.answer(rig.nextSent(), new Frame.UserList(List.of("alice", "bob")));
        assertThat(rig.nextOk(31)).isEqualTo("alice, bob");

        rig.call(32, "ban_list", "{\"channel\":\"ops\"}");
        rig.answer(rig.nextSent(), new Frame.UserList(List.of()));
        assertThat(rig.nextOk(32)).isEqualTo("nobody");

        rig.call(33, "invite_list", "{\"channel\":\"ops\"}");
        rig.answer(rig.nextSent(), new Frame.InviteList(List.of(new InviteInfo("tok1", Optional.of(3L), Optional.empty()))));
        assertThat(rig.nextOk(33)).isEqualTo("tok1 (uses remaining: 3, expires: never)");

        rig.call(34, "rename_channel", "{\"name\":\"ops\",\"new_name\":\"ops2\"}");
        assertThat(rig.nextSent().frame()).isEqualTo(new Frame.Admin(new AdminOp.RenameChannel("ops", "ops2")));
    }

    @Test
    void unban_withoutAdmin_notAnAdminAndNothingSent() {
        rig.call(30, "unban", "{\"channel\":\"ops\",\"user\":\"bob\"}");

        assertThat(rig.nextError(30)).contains("not an admin");
        assertThat(rig.sent).isEmpty();
    }

    @Test
    void adminOp_missingArguments_checkedBeforeTheAdminRole() {
        rig.call(30, "kick", "{\"channel\":\"ops\"}");

        assertThat(rig.nextError(30)).isEqualTo("`channel` and `target` are required");
    }

    // Servers, links and deadlines (23; SPEC §6.12, §6.13)

    @Test
    void server_unknownName_isNotConnected() {
        rig.call(1, "who", "{\"server\":\"wss://other\"}");

        assertThat(rig.nextError(1)).isEqualTo("not connected to server `wss://other`");
    }

    @Test
    void multiHome_callsGoToTheNamedServerAndInjectionsCarryTheirServer() {
        rig = DispatcherRig.started(DispatcherRig.config(PermissionLevel.CONVERSE, S1, S2), Optional.empty(), true);

        rig.call(1, "send_channel", "{\"server\":\"wss://s1\",\"channel\":\"a-chan\",\"text\":\"to a\"}");
        rig.call(2, "send_channel", "{\"server\":\"wss://s2\",\"channel\":\"b-chan\",\"text\":\"to b\"}");
        rig.call(3, "whisper", "{\"server\":\"wss://s1\",\"target\":\"david/desktop/main\",\"text\":\"w\"}");
        rig.push(S2, message("ops", "from two"));

        assertThat(rig.nextSent()).extracting(DispatcherRig.Sent::server, sent -> ((Frame.ChannelMsg) sent.frame()).channel())
                .containsExactly(S1, "a-chan");
        assertThat(rig.nextSent()).extracting(DispatcherRig.Sent::server, sent -> ((Frame.ChannelMsg) sent.frame()).channel())
                .containsExactly(S2, "b-chan");
        assertThat(rig.nextSent().server()).isEqualTo(S1);
        JsonNode params = rig.nextNotification(McpMessages.CHANNEL);
        assertThat(params.path("meta").path("server").asString()).isEqualTo(S2);
        assertThat(params.path("content").asString()).contains("server=\"wss://s2\"");
    }

    @Test
    void server_omittedWithTwoServers_mustBePassed() {
        rig = DispatcherRig.started(DispatcherRig.config(PermissionLevel.NOTIFY, S1, S2), Optional.empty(), true);

        rig.call(1, "list_channels", "{}");

        assertThat(rig.nextError(1)).isEqualTo("multiple servers connected; pass `server`");
    }

    @Test
    void duplicate_failsItsCallsForgetsTheServerAndNoticesOnce() {
        rig = DispatcherRig.started(DispatcherRig.config(PermissionLevel.NOTIFY, S1, S2), Optional.empty(), true);
        rig.down(S2, Duration.ofMinutes(5));
        rig.nextMcp();
        rig.call(1, "who", "{\"server\":\"wss://s2\"}");

        rig.dispatcher.on(new BridgeEvent.LinkDuplicate(S2, S1));

        assertThat(rig.nextError(1)).isEqualTo("`wss://s2` is the same server as `wss://s1`; target `wss://s1` instead");
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString())
                .contains("is the same server as").contains("disabled");
        rig.call(2, "who", "{}");
        assertThat(rig.nextSent().server()).isEqualTo(S1);
    }

    @Test
    void callWhileDown_waitsAndGoesOutOnUp() {
        rig.down(S1, Duration.ofMinutes(5));
        rig.nextMcp();
        rig.call(1, "who", "{}");
        assertThat(rig.sent).isEmpty();

        rig.up(S1, false);
        rig.nextMcp();

        DispatcherRig.Sent who = rig.nextSent();
        rig.answer(who, new Frame.Presence(Optional.empty(), List.of()));
        assertThat(rig.nextOk(1)).isEqualTo("server-wide: nobody online");
    }

    @Test
    void callWhileDown_failsAtTheDeadline() {
        rig.down(S1, Duration.ofMinutes(5));
        rig.nextMcp();
        rig.call(1, "who", "{}");

        rig.clock.advance(Duration.ofSeconds(29));
        rig.dispatcher.on(new BridgeEvent.Tick());
        assertThat(rig.mcp).isEmpty();
        rig.clock.advance(Duration.ofSeconds(1));
        rig.dispatcher.on(new BridgeEvent.Tick());

        assertThat(rig.nextError(1)).isEqualTo("no answer from `wss://s1` within 30s; retry");
        rig.up(S1, false);
        rig.nextMcp();
        assertThat(rig.sent).isEmpty();
    }

    @Test
    void callFailedByTheLink_isErrorAndALateAnswerIsIgnored() {
        rig.call(1, "who", "{}");
        DispatcherRig.Sent who = rig.nextSent();

        rig.dispatcher.on(new BridgeEvent.CallFailed(who.callId(), "timed out after 30s waiting for a response"));
        rig.answer(who, new Frame.Presence(Optional.empty(), List.of()));

        assertThat(rig.nextError(1)).startsWith("timed out");
    }

    @Test
    void dialFailing_noticesWithTheReasonEscaped() {
        rig.link(S1, new LinkEvent.DialFailing(3, "authentication rejected: unauthorized: <revoked>"));

        JsonNode notice = rig.nextNotification(McpMessages.CHANNEL);
        assertThat(notice.path("content").asString()).contains("3 attempts").contains("&lt;revoked&gt;");
        assertThat(notice.path("meta").path("kind").asString()).isEqualTo("link");
    }

    @Test
    void unsolicitedServerError_becomesAnErrorNotice() {
        rig.link(S1, new LinkEvent.ServerError(new ProtocolError.Unauthorized("session superseded")));

        JsonNode notice = rig.nextNotification(McpMessages.CHANNEL);
        assertThat(notice.path("content").asString()).isEqualTo("Server `wss://s1` error: unauthorized: session superseded");
        assertThat(notice.path("meta").path("kind").asString()).isEqualTo("error");
    }

    @Test
    void configOverrides_applyFromStart() {
        ConclaveConfig config = DispatcherRig.config(PermissionLevel.NOTIFY, S1)
                .withOverride(new PermissionOverride(S1, PermissionScope.channel("ops"), PermissionLevel.MUTE));
        rig = DispatcherRig.started(config, Optional.empty(), true);

        rig.push(S1, message("ops", "quiet"));
        rig.push(S1, message("dev", "loud"));

        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("meta").path("channel").asString()).isEqualTo("dev");
    }

    @Test
    void whisper_targetNeitherPathNorUsername_isError() {
        rig.call(10, "whisper", "{\"target\":\"david/desktop\",\"text\":\"hi\"}");

        assertThat(rig.nextError(10)).isEqualTo("`target` must be a `user/machine/session` path or a username");
    }

    // The inbox extension

    /** Whispers {@code target} at converse, answers with {@code reply} and returns the tool's text. */
    private String whisperAnswered(String target, Frame reply) {
        rig.call(1, "set_perm", "{\"whisper\":true,\"level\":\"converse\"}");
        rig.nextOk(1);
        rig.call(10, "whisper", "{\"target\":\"" + target + "\",\"text\":\"later\"}");
        rig.answer(rig.nextSent(), reply);
        return rig.nextOk(10);
    }

    @Test
    void whisper_queuedAck_answersQueuedForTheTarget() {
        assertThat(whisperAnswered("david/desktop/main", new Frame.Ack(Optional.of("queued 17"))))
                .isEqualTo("queued for david/desktop/main");
    }

    @Test
    void whisper_bareUsername_isSentAsAUserTarget_andAPlainAckStaysWhisperSent() {
        rig.call(1, "set_perm", "{\"whisper\":true,\"level\":\"converse\"}");
        rig.nextOk(1);
        rig.call(10, "whisper", "{\"target\":\"david\",\"text\":\"hi\"}");

        DispatcherRig.Sent sent = rig.nextSent();
        rig.answer(sent, new Frame.Ack(Optional.empty()));

        assertThat(((Frame.Whisper) sent.frame()).target()).isEqualTo(SessionPath.ofUser("david"));
        assertThat(rig.nextOk(10)).isEqualTo("whisper sent");
    }

    @Test
    void receipts_forAQueuedWhisper_becomeReceiptNoticesNamingTheTarget() {
        whisperAnswered("david/desktop/main", new Frame.Ack(Optional.of("queued 17")));

        rig.push(S1, new Frame.Receipt(17, ReceiptState.DELIVERED));
        JsonNode delivered = rig.nextNotification(McpMessages.CHANNEL);
        rig.push(S1, new Frame.Receipt(17, ReceiptState.READ));
        JsonNode read = rig.nextNotification(McpMessages.CHANNEL);

        assertThat(delivered.path("meta").path("kind").asString()).isEqualTo("receipt");
        assertThat(delivered.path("content").asString())
                .isEqualTo("Your queued whisper to `david/desktop/main` on `wss://s1` was delivered.");
        assertThat(read.path("content").asString())
                .isEqualTo("Your queued whisper to `david/desktop/main` on `wss://s1` was read.");
    }

    @Test
    void inboxWhisper_isInjectedWithItsTime_thenMarkedRead() {
        rig.push(S1, new Frame.InboxWhisper(17, DAVID, new SessionPath("aaron", "workstation", "razel"),
                1_751_500_000_000L, new Payload.Plain("while you were out")));

        JsonNode params = rig.nextNotification(McpMessages.CHANNEL);
        assertThat(params.path("meta").path("kind").asString()).isEqualTo("whisper");
        assertThat(params.path("meta").path("time").asString()).isEqualTo("2025-07-02T23:46:40Z");
        assertThat(params.path("content").asString())
                .contains("<whisper server=\"wss://s1\" from=\"david/desktop/main\" kind=\"whisper\""
                        + " time=\"2025-07-02T23:46:40Z\">\nwhile you were out\n</whisper>");
        assertThat(rig.nextSent(Frame.MarkRead.class)).isEqualTo(new Frame.MarkRead(17));
    }

    @Test
    void inboxWhisper_muted_isNeitherShownNorMarkedRead() {
        rig.call(1, "set_perm", "{\"whisper\":true,\"level\":\"mute\"}");
        rig.nextOk(1);

        rig.push(S1, new Frame.InboxWhisper(17, DAVID, SessionPath.ofUser("aaron"), 1, new Payload.Plain("x")));

        assertThat(rig.mcp).isEmpty();
        assertThat(rig.sent).isEmpty();
    }
}
