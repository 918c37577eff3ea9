package conclave.bridge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import conclave.ChildProcess;
import conclave.Launcher;
import conclave.client.ClientTransport;
import conclave.client.Link;
import conclave.client.LinkEvent;
import conclave.client.LinkOptions;
import conclave.client.ServerUrl;
import conclave.identity.KeyFile;
import conclave.identity.SigningKey;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.server.ServeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * End to end: a real {@code conclave serve} process, two real {@code conclave bridge} processes
 * driven over pipes with MCP JSON-RPC, and {@code conclave send} as a human would run it.
 */
class BridgeIT {
    private static final int POSTERS = 4;
    private static final int ACKED_BEFORE_SIGTERM = 100;
    private static final int ACKED_AFTER_RESTART = 15;
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(120);
    private static final Pattern LOAD_POST = Pattern.compile("\\bp\\d #\\d+\\.");

    @TempDir
    Path temp;

    @RegisterExtension
    final BridgeRig rig = new BridgeRig(() -> temp);

    @Test
    void twoBridges_talkThroughARealServerAndSurviveItsRestart() throws Exception {
        Path data = Files.createDirectory(temp.resolve("data"));
        ServeProcess server = rig.serve("127.0.0.1:0", data, "--admin", "alice");
        int port = server.address().getPort();
        String url = "ws://127.0.0.1:" + port;
        Path alice = rig.enrol(url, "alice", "ma");
        Path bob = rig.enrol(url, "bob", "mb");
        rig.cli(alice, "channel", "create", "--server", url, "lobby");
        Path bobDir = Files.createDirectory(temp.resolve("bobdir"));

        BridgeProcess a = rig.bridge(alice, temp, "--as", "alicesession");
        BridgeProcess b = rig.bridge(bob, bobDir);
        for (BridgeProcess bridge : List.of(a, b)) {
            JsonNode init = bridge.initialize();
            assertThat(init.path("result").path("capabilities").path("tools").path("listChanged").asBoolean()).isTrue();
            bridge.initialized();
        }
        assertThat(b.toolNames()).hasSize(7).contains("join_channel", "catch_up", "set_perm"); // bob is no admin

        // join with converse: the emit tools appear
        assertThat(a.callOk("join_channel", "{\"channel\":\"lobby\",\"perm\":\"converse\"}")).isEqualTo("joined lobby");
        b.callOk("join_channel", "{\"channel\":\"lobby\",\"perm\":\"converse\"}");
        b.listChanged();
        assertThat(b.toolNames()).hasSize(9).contains("send_channel", "whisper");
        assertThat(a.toolNames()).contains("send_channel", "create_channel"); // alice is the server's admin

        // a human posts with conclave send; the body arrives escaped
        rig.cli(alice, "send", "--server", url, "--channel", "lobby", "<b>hi</b> & </channel>");
        JsonNode posted = b.channelNotification("&lt;b&gt;hi&lt;/b&gt; &amp; &lt;/channel&gt;");
        assertThat(posted.path("params").path("meta").path("channel").asString()).isEqualTo("lobby");
        assertThat(posted.path("params").path("content").asString()).contains("untrusted data");

        // send_channel from one bridge reaches the other
        assertThat(a.callOk("send_channel", "{\"channel\":\"lobby\",\"text\":\"from alice\"}")).isEqualTo("sent to lobby");
        JsonNode fromA = b.channelNotification("from alice");
        assertThat(fromA.path("params").path("meta").path("from").asString()).isEqualTo("alice/ma/alicesession");
        assertThat(fromA.path("params").path("content").asString()).contains("<channel server=\"" + url + "\"");

        // whisper, with the whisper scope raised first
        a.callOk("set_perm", "{\"whisper\":true,\"level\":\"converse\"}");
        assertThat(a.callOk("whisper", "{\"target\":\"bob/mb/bobdir\",\"text\":\"psst\"}")).isEqualTo("whisper sent");
        JsonNode whisper = b.channelNotification("psst");
        assertThat(whisper.path("params").path("meta").path("kind").asString()).isEqualTo("whisper");

        // who and catch_up
        assertThat(a.callOk("who", "{\"channel\":\"lobby\"}")).contains("bob/mb/bobdir").contains("alice/ma/alicesession");
        assertThat(b.callOk("catch_up", "{\"channel\":\"lobby\",\"since\":\"1h\"}"))
                .contains("untrusted").contains("alice/ma/alicesession: from alice");

        // the server goes away: both are told, and a call fails within its deadline
        server.terminate(Duration.ofSeconds(30));
        a.channelNotification("Disconnected");
        b.channelNotification("Disconnected");
        long started = System.nanoTime();
        JsonNode outage = a.call("who", "{}");
        assertThat(outage.path("isError").asBoolean(false)).as("who during the outage: %s", outage).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BridgeDispatcher.CALL_DEADLINE.plusSeconds(15));

        // it comes back on the same port: both reconnect and re-join without being asked
        rig.serve("127.0.0.1:" + port, data, "--admin", "alice");
        a.channelNotification("Reconnected");
        b.channelNotification("Reconnected");
        // b's "Reconnected" comes before its re-join is through: ask until it is
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> a.callOk("who", "{\"channel\":\"lobby\"}").contains("bob/mb/bobdir"));
        rig.cli(alice, "send", "--server", url, "--channel", "lobby", "after the restart");
        b.channelNotification("after the restart");

        assertThat(a.notJson()).isEmpty();
        assertThat(b.notJson()).isEmpty();
        assertThat(a.endInput()).isZero();
        assertThat(b.endInput()).isZero();
        assertThat(a.log() + b.log()).doesNotContain("from alice").doesNotContain("psst");
    }

    @Test
    void sigtermUnderLoad_everyLinkSeesGoingAway_tailAndBridgeResumeWithoutGapOrDuplicate() throws Exception {
        Path data = Files.createDirectory(temp.resolve("data"));
        ServeProcess server = rig.serve("127.0.0.1:0", data, "--admin", "alice", "--rate-limit", "off");
        int port = server.address().getPort();
        String url = "ws://127.0.0.1:" + port;
        Path alice = rig.enrol(url, "alice", "ma");
        Path bob = rig.enrol(url, "bob", "mb");
        rig.cli(alice, "channel", "create", "--server", url, "lobby");
        BridgeProcess b = rig.bridge(bob, temp, "--as", "listener");
        b.initialize();
        b.initialized();
        b.callOk("join_channel", "{\"channel\":\"lobby\",\"perm\":\"converse\"}");
        ChildProcess tail = rig.closing(Launcher.start(temp, Map.of(),
                "tail", "--server", url, "--channel", "lobby", "--config-dir", bob.toString()));
        tail.awaitOut("tailing #lobby", LOAD_DEADLINE);

        SigningKey aliceKey = new KeyFile(alice.resolve("key")).load();
        ClientTransport transport = rig.closing(ClientTransport.start());
        List<Poster> posters = new ArrayList<>();
        for (int i = 0; i < POSTERS; i++) {
            posters.add(rig.closing(new Poster(transport, url, aliceKey, "p" + i)));
        }
        List<String> ackedBeforeSigterm = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(POSTERS);
        try {
            List<Future<?>> load = new ArrayList<>();
            for (Poster poster : posters) {
                load.add(threads.submit(() -> {
                    poster.run();
                    return null;
                }));
            }
            await().atMost(LOAD_DEADLINE).pollInterval(Duration.ofMillis(10))
                    .until(() -> posters.stream().mapToInt(Poster::ackedCount).sum() >= ACKED_BEFORE_SIGTERM);

            assertThat(server.terminate(Duration.ofSeconds(30))).isZero();

            // Nothing is acked while the server is down, so this is exactly what it acked before.
            posters.forEach(poster -> ackedBeforeSigterm.addAll(poster.acked()));
            for (Poster poster : posters) {
                assertThat(poster.nextDown()).as("%s's link", poster.handle).contains("close code 1001");
            }
            b.channelNotification("Disconnected");
            tail.awaitErr("lost — reconnecting", LOAD_DEADLINE);
            await().atMost(LOAD_DEADLINE).until(() -> postCounts(b.channelContents()).keySet().containsAll(ackedBeforeSigterm));

            // The posters keep posting through the restart: they post as soon as their links are
            // back, while the tail may still be re-dialling and replaying. The bridge is frozen
            // until they are done, so everything posted after the restart falls into its re-join
            // window, where only catch_up can show it.
            b.signal("STOP");
            try {
                rig.serve("127.0.0.1:" + port, data, "--admin", "alice", "--rate-limit", "off");
                for (Future<?> poster : load) {
                    poster.get(LOAD_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                }
            } finally {
                b.signal("CONT");
            }
        } finally {
            threads.shutdownNow();
        }
        b.channelNotification("Reconnected");
        tail.awaitErr("✓ reconnected; resuming #lobby", LOAD_DEADLINE);
        rig.cli(alice, "send", "--server", url, "--channel", "lobby", "after the restart");
        b.channelNotification("after the restart");
        tail.awaitOut("after the restart", LOAD_DEADLINE);

        List<String> acked = new ArrayList<>();
        posters.forEach(poster -> acked.addAll(poster.acked()));
        assertThat(acked).as("posts acked in all; one catch_up page holds them").hasSizeLessThan(500);
        Map<String, Integer> tailed = postCounts(tail.out().lines().toList());
        assertThat(tailed.keySet()).as("posts the tail printed").containsAll(acked);
        assertThat(tailed).allSatisfy((body, count) -> assertThat(count).as("tail lines of %s", body).isOne());

        Map<String, Integer> injected = postCounts(b.channelContents());
        assertThat(injected).allSatisfy((body, count) -> assertThat(count).as("notifications of %s", body).isOne());
        Map<String, Integer> caughtUp = postCounts(List.of(b.callOk("catch_up", "{\"channel\":\"lobby\",\"since\":\"1h\"}")));
        assertThat(caughtUp).allSatisfy((body, count) -> assertThat(count).as("catch_up lines of %s", body).isOne());
        List<String> onlyCaughtUp = acked.stream().filter(body -> !injected.containsKey(body)).toList();
        assertThat(onlyCaughtUp).as("posts made while the bridge was away").hasSizeGreaterThanOrEqualTo(POSTERS * ACKED_AFTER_RESTART);
        assertThat(caughtUp.keySet()).as("acked posts the bridge did not inject").containsAll(onlyCaughtUp);
        System.out.printf("graceful restart: %d posts acked before SIGTERM, %d in all; the tail printed each once;"
                        + " the bridge injected %d once each, and catch_up returned the %d posted while it re-joined%n",
                ackedBeforeSigterm.size(), acked.size(), injected.size(), onlyCaughtUp.size());
        assertThat(b.notJson()).isEmpty();
    }

    /** How many times each load post occurs in {@code texts}, by body. */
    private static Map<String, Integer> postCounts(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            Matcher post = LOAD_POST.matcher(text);
            while (post.find()) {
                counts.merge(post.group(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * A Link posting numbered messages to {@code lobby}, one at a time: when the link goes down it
     * waits for it to come back, joins again and goes on with the next number, until
     * {@link #ACKED_AFTER_RESTART} posts were acked after a reconnect. The reasons its link went
     * down are kept so the test can read how each connection ended.
     */
    private static final class Poster implements AutoCloseable {
        final String handle;
        private final List<String> acked = new CopyOnWriteArrayList<>();
        private final BlockingQueue<String> downs = new LinkedBlockingQueue<>();
        private final BlockingQueue<LinkEvent> events = new LinkedBlockingQueue<>();
        private final Link link;

        Poster(ClientTransport transport, String url, SigningKey key, String handle) {
            this.handle = handle;
            this.link = Link.open(transport, LinkOptions.of(ServerUrl.parse(url), key, () -> handle), events::add);
        }

        void run() throws Exception {
            int seq = 0;
            int ackedAfterReconnect = 0;
            for (int connection = 0; ackedAfterReconnect < ACKED_AFTER_RESTART; connection++) {
                awaitUp();
                try {
                    Frame joined = link.request(new Frame.Join("lobby", Optional.empty())).get(60, TimeUnit.SECONDS);
                    assertThat(joined).as("%s's join", handle).isInstanceOf(Frame.Joined.class);
                    while (ackedAfterReconnect < ACKED_AFTER_RESTART) {
                        String body = body(seq++);
                        Frame reply = link.request(new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain(body)))
                                .get(60, TimeUnit.SECONDS);
                        assertThat(reply).as("reply to %s", body).isInstanceOf(Frame.Ack.class);
                        acked.add(body);
                        if (connection > 0) {
                            ackedAfterReconnect++;
                        }
                    }
                } catch (ExecutionException cut) {
                    // the server went away under this request; its post counts only if acked
                }
            }
        }

        int ackedCount() {
            return acked.size();
        }

        List<String> acked() {
            return List.copyOf(acked);
        }

        /** The reason of the next time this poster's link went down. */
        String nextDown() throws InterruptedException {
            String reason = downs.poll(LOAD_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(reason).as("%s: a Down link event within %s", handle, LOAD_DEADLINE).isNotNull();
            return reason;
        }

        private String body(int seq) {
            return handle + " #" + seq + ".";
        }

        /** Takes events up to the next Up, keeping the reasons of the Downs among them. */
        private void awaitUp() throws InterruptedException {
            long deadline = System.nanoTime() + LOAD_DEADLINE.toNanos();
            while (true) {
                LinkEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(event).as("%s: an Up link event within %s", handle, LOAD_DEADLINE).isNotNull();
                if (event instanceof LinkEvent.Down down) {
                    downs.add(down.reason());
                }
                if (event instanceof LinkEvent.Up) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            link.close();
        }
    }

    @Test
    void oneServerUnderTwoUrls_secondLinkDisabledWithOneNotice() throws Exception {
        ServeProcess server = rig.serve("127.0.0.1:0", Files.createDirectory(temp.resolve("data")), "--admin", "alice");
        String url = BridgeRig.url(server);
        Path aaron = rig.enrol(url, "aaron", "workstation");
        String alias = url + "/?via=alias";
        Files.writeString(aaron.resolve("config.toml"),
                "\n[[servers]]\nurl = \"" + alias + "\"\nusername = \"aaron\"\nmachine = \"workstation\"\n",
                UTF_8, java.nio.file.StandardOpenOption.APPEND);

        BridgeProcess bridge = rig.bridge(aaron, temp, "--as", "sess");
        bridge.response(bridge.request("initialize", "{}"));

        JsonNode notice = bridge.channelNotification("is the same server as");
        assertThat(notice.path("params").path("content").asString()).contains("disabled");
        assertThat(bridge.callOk("who", "{}")).isEqualTo("server-wide: aaron/workstation/sess");
        assertThat(bridge.endInput()).isZero();
        assertThat(bridge.notJson()).isEmpty();
    }

    @Test
    void twoBridgesWithTheSameDefaultedHandle_settleOnDistinctHandles() throws Exception {
        ServeProcess server = rig.serve("127.0.0.1:0", Files.createDirectory(temp.resolve("data")), "--admin", "alice");
        String url = BridgeRig.url(server);
        Path aaron = rig.enrol(url, "aaron", "workstation");
        Path fleet = Files.createDirectory(temp.resolve("fleet"));

        BridgeProcess first = rig.bridge(aaron, fleet);
        BridgeProcess second = rig.bridge(aaron, fleet);
        first.response(first.request("initialize", "{}"));
        second.response(second.request("initialize", "{}"));

        // They supersede each other until one breaker renames its handle; then both stay online.
        List<String> sessions = await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .until(() -> fleetSessions(first), found -> found.size() == 2);
        assertThat(sessions).contains("aaron/workstation/fleet").anyMatch(session -> session.contains("/fleet-"));
        java.util.function.Predicate<JsonNode> renameNotice = message -> message.path("params").path("content")
                .asString("").contains("--as") && message.path("params").path("content").asString("").contains("fleet-");
        assertThat(first.saw(renameNotice) || second.saw(renameNotice)).as("a rename notice").isTrue();
    }

    /** The {@code fleet…} sessions a server-wide who shows, or none while the link is down. */
    private static List<String> fleetSessions(BridgeProcess bridge) {
        JsonNode result = bridge.call("who", "{}");
        if (result.path("isError").asBoolean(false)) {
            return List.of();
        }
        String text = result.path("content").get(0).path("text").asString();
        return java.util.Arrays.stream(text.substring(text.indexOf(':') + 1).split(","))
                .map(String::trim)
                .filter(session -> session.startsWith("aaron/workstation/fleet"))
                .toList();
    }

    @Test
    void bridge_withNoRegistration_exitsOneBeforeAnyMcpOutput() throws Exception {
        Path config = Files.createDirectory(temp.resolve("lonely"));
        rig.cli(config, "key");
        BridgeProcess bridge = rig.bridge(config, temp);

        assertThat(bridge.endInput()).isEqualTo(1);
        assertThat(bridge.log()).contains("no known server to connect to (register one first, or pass --server)");
        assertThat(bridge.notJson()).isEmpty();
    }
}
