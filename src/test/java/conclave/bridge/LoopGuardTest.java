package conclave.bridge;

import static conclave.bridge.DispatcherRig.S1;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.config.ConclaveConfig;
import conclave.config.LoopGuardSettings;
import conclave.config.PermissionLevel;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The loop guard in the dispatcher, with the rig's clock: 3 messages per 10 minutes, turns within 30 s. */
class LoopGuardTest {
    private static final SessionPath AGENT = new SessionPath("david", "desktop", "main");
    private static final SessionPath HUMAN_CLI = new SessionPath("david", "desktop", "cli-4242");
    private static final SessionPath LISTED_HUMAN = new SessionPath("erin", "laptop", "pairing");
    private static final ConclaveConfig CONFIG = DispatcherRig.config(PermissionLevel.ACT, S1)
            .withLoopGuard(new LoopGuardSettings(3, 600, 30))
            .withHumans(List.of("erin"));

    private final DispatcherRig rig = DispatcherRig.started(CONFIG, Optional.empty(), true);
    private int nextId = 100;

    @AfterEach
    void nothingLeft() {
        rig.assertExhausted();
    }

    private void joined(String channel) {
        rig.call(90, "join_channel", "{\"channel\":\"" + channel + "\"}");
        rig.answer(rig.nextSent(), new Frame.Joined(channel));
        rig.nextOk(90);
        rig.drainListChanged();
    }

    /** Posts to {@code channel}, lets the server ack it, and returns the tool result's text. */
    private String post(String channel) {
        int id = nextId++;
        rig.call(id, "send_channel", "{\"channel\":\"" + channel + "\",\"text\":\"hello\"}");
        rig.answer(rig.nextSent(), new Frame.Ack(Optional.empty()));
        return rig.nextOk(id);
    }

    private String whisperTo(SessionPath target) {
        int id = nextId++;
        rig.call(id, "whisper", "{\"target\":\"" + target.text() + "\",\"text\":\"hello\"}");
        rig.answer(rig.nextSent(), new Frame.Ack(Optional.empty()));
        return rig.nextOk(id);
    }

    private void inbound(String channel, SessionPath from) {
        rig.push(S1, new Frame.ChannelMsg(channel, from, new Payload.Plain("hi")));
    }

    @Test
    void reachingTheLimit_dropsTheChannelToNotify_withANoticeAndOneListChanged() {
        joined("ops");
        assertThat(post("ops")).isEqualTo("sent to ops");
        assertThat(post("ops")).isEqualTo("sent to ops");

        String third = post("ops");

        assertThat(third).startsWith("sent to ops").contains("loop guard").contains("`notify`");
        JsonNode notice = rig.nextNotification(McpMessages.CHANNEL);
        assertThat(notice.path("meta").path("kind").asString()).isEqualTo("loop_guard");
        assertThat(notice.path("content").asString()).contains("3 messages to #ops").contains("600 s")
                .contains("set_perm {channel: ops, level: act}");
        assertThat(rig.drainListChanged()).isOne();
        assertThat(rig.toolNames()).doesNotContain("send_channel");
        rig.call(1, "send_channel", "{\"channel\":\"ops\",\"text\":\"x\"}");
        assertThat(rig.nextError(1)).contains("below `converse`");
    }

    @Test
    void theWindowSlides_oldMessagesStopCounting() {
        joined("ops");
        post("ops");
        post("ops");
        rig.clock.advance(Duration.ofSeconds(601));

        assertThat(post("ops")).isEqualTo("sent to ops");
        assertThat(post("ops")).isEqualTo("sent to ops");
        rig.clock.advance(Duration.ofSeconds(300));
        assertThat(post("ops")).contains("loop guard"); // the two from 5 minutes ago still count
        rig.drainListChanged();
    }

    @Test
    void anExplicitSetPerm_restoresTheScopeAndStartsTheCountOver() {
        joined("ops");
        post("ops");
        post("ops");
        post("ops");
        rig.drainListChanged();

        rig.call(1, "set_perm", "{\"channel\":\"ops\",\"level\":\"act\"}");
        rig.nextOk(1);
        assertThat(rig.drainListChanged()).isOne();

        assertThat(post("ops")).isEqualTo("sent to ops");
        assertThat(post("ops")).isEqualTo("sent to ops");
    }

    @Test
    void aHumanMessage_resetsTheCount_butAnAgentMessageDoesNot() {
        joined("ops");
        post("ops");
        post("ops");
        inbound("ops", HUMAN_CLI);
        rig.nextNotification(McpMessages.CHANNEL);
        post("ops");
        post("ops");
        inbound("ops", LISTED_HUMAN);
        rig.nextNotification(McpMessages.CHANNEL);
        post("ops");
        post("ops");
        inbound("ops", AGENT);
        rig.nextNotification(McpMessages.CHANNEL);

        assertThat(post("ops")).contains("loop guard");
        rig.drainListChanged();
    }

    @Test
    void listChanged_onlyWhenTheOfferedSetChanges() {
        joined("ops");
        joined("dev");
        post("ops");
        post("ops");

        assertThat(post("ops")).contains("loop guard");

        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("meta").path("kind").asString()).isEqualTo("loop_guard");
        assertThat(rig.mcp).as("no list_changed: #dev still offers the emit tools").isEmpty();
        assertThat(rig.toolNames()).contains("send_channel", "whisper");
    }

    @Test
    void whispersToOnePeer_dropTheWhisperScope() {
        SessionPath other = new SessionPath("bob", "mb", "agent");
        whisperTo(AGENT);
        whisperTo(AGENT);
        whisperTo(other); // another peer counts apart

        assertThat(whisperTo(AGENT)).contains("loop guard");

        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("content").asString())
                .contains("3 whispers to david/desktop/main").contains("set_perm {whisper: true, level: act}");
        rig.call(1, "whisper", "{\"target\":\"bob/mb/agent\",\"text\":\"x\"}");
        assertThat(rig.nextError(1)).contains("whispers on `wss://s1` are below `converse`");
    }

    @Test
    void aReplyWithinTheReplyWindow_isTheNextTurn_andTheNextAgentMessageShowsIt() {
        joined("ops");
        inbound("ops", AGENT);
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("meta").has("turn")).isFalse();
        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(post("ops")).isEqualTo("sent to ops (turn 1 of a conversation with an agent)");

        inbound("ops", AGENT);
        assertThat(rig.nextNotification(McpMessages.CHANNEL).path("meta").path("turn").asString()).isEqualTo("1");
        rig.clock.advance(Duration.ofSeconds(31));
        assertThat(post("ops")).as("too late to be a reply").isEqualTo("sent to ops");
    }
}
