package conclave.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolError;
import conclave.protocol.SessionPath;
import conclave.server.ServeProcess;
import conclave.server.WsTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * End to end, the {@code inbox} extension: a real {@code conclave serve} process, real
 * {@code conclave bridge} processes over pipes, and a client speaking the Rust original's
 * protocol (bincode, no {@code capabilities}) on the same server.
 */
class InboxIT {
    private static final Duration QUIET = Duration.ofSeconds(2);

    @TempDir
    Path temp;

    @RegisterExtension
    final BridgeRig rig = new BridgeRig(() -> temp);

    @Test
    void whisperToAnOfflineAgent_isDeliveredWhenItsBridgeStarts_withReceipts_andARustClientSeesNothingNew()
            throws Exception {
        ServeProcess server = rig.serve("127.0.0.1:0", Files.createDirectory(temp.resolve("data")));
        String url = BridgeRig.url(server);
        Path alice = rig.enrol(url, "alice", "ma");
        Path bob = rig.enrol(url, "bob", "mb");
        WsTestClient rusty = rig.closing(WsTestClient.registerAsRustClient(server.address(), "rusty", "old"));
        BridgeProcess a = rig.bridge(alice, temp, "--as", "alicesession");
        a.initialize();
        a.initialized();
        a.callOk("set_perm", "{\"whisper\":true,\"level\":\"converse\"}");

        // alice whispers to bob's agent, which is not running: queued
        Instant beforeSending = Instant.now();
        assertThat(a.callOk("whisper", "{\"target\":\"bob/mb/bobdir\",\"text\":\"read this when you start\"}"))
                .isEqualTo("queued for bob/mb/bobdir");
        // the Rust-protocol client gets the original answer for the same offline target
        rusty.send(new Frame.Whisper(SessionPath.UNSTAMPED, new SessionPath("bob", "mb", "bobdir"),
                new Payload.Plain("hello?")));
        assertThat(rusty.next()).isEqualTo(new Frame.Error(
                new ProtocolError.NotFound("session `bob/mb/bobdir` is not online")));
        // a whisper to rusty's bare username is queued too: rusty negotiated nothing, so it gets nothing now
        assertThat(a.callOk("whisper", "{\"target\":\"rusty\",\"text\":\"for any rusty session\"}"))
                .isEqualTo("queued for rusty");

        // bob's agent starts later: the whisper is injected with the time it was sent, then marked read
        BridgeProcess b = rig.bridge(bob, Files.createDirectory(temp.resolve("bobdir")));
        b.initialize();
        b.initialized();
        JsonNode injected = b.channelNotification("read this when you start").path("params");
        assertThat(injected.path("meta").path("kind").asString()).isEqualTo("whisper");
        assertThat(injected.path("meta").path("from").asString()).isEqualTo("alice/ma/alicesession");
        Instant sentAt = Instant.parse(injected.path("meta").path("time").asString());
        assertThat(sentAt).isBetween(beforeSending.minusSeconds(5), Instant.now());
        assertThat(injected.path("content").asString()).contains(" time=\"" + sentAt + "\">");

        // alice hears that it was delivered, then read
        a.channelNotification("Your queued whisper to `bob/mb/bobdir` on `" + url + "` was delivered.");
        a.channelNotification("Your queued whisper to `bob/mb/bobdir` on `" + url + "` was read.");

        // a live whisper between the two inbox bridges is unchanged
        assertThat(a.callOk("whisper", "{\"target\":\"bob/mb/bobdir\",\"text\":\"live now\"}")).isEqualTo("whisper sent");
        b.channelNotification("live now");

        // all the while the Rust-protocol client received nothing, and it still works as before
        assertThat(rusty.silentFor(QUIET)).isTrue();
        rusty.send(new Frame.Ping());
        assertThat(rusty.next()).isEqualTo(new Frame.Pong());
        assertThat(a.log() + b.log()).doesNotContain("read this when you start");
    }
}
