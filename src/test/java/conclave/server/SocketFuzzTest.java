package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.BincodeCodec;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.FrameArbitraries;
import conclave.protocol.JsonFrameCodec;
import conclave.protocol.Payload;
import conclave.protocol.ProtocolErrorKind;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Security: random and mutated frames over a real socket, in both encodings, at every handshake
 * state. The server never answers {@code internal error}, never sends anything undecodable, and
 * stays available: after every try a bystander session still answers and a new connection still
 * gets its challenge. Bounded: a fixed number of tries of at most a few frames each.
 */
class SocketFuzzTest {
    private static final BincodeCodec BINCODE = new BincodeCodec();
    private static final JsonFrameCodec JSON = new JsonFrameCodec();
    private static final AtomicInteger USERS = new AtomicInteger();
    /** Names the plausible frames use, so some requests reach real channels and users. */
    private static final List<String> NAMES = List.of("lobby", "ops", "bystander", "box", "");

    private static ConclaveServer server;
    private static WsTestClient bystander;

    /** How far the connection got before the fuzz starts. */
    enum Stage {
        AWAIT_HELLO,
        CHALLENGED,
        AWAIT_AUTH,
        ESTABLISHED
    }

    /** One fuzz input: a frame, then how to damage its encoding (no damage = sent as is). */
    record Input(Frame frame, Damage damage, int position, int value) {}

    enum Damage {
        NONE,
        FLIP,
        TRUNCATE,
        INSERT,
        RANDOM
    }

    @BeforeContainer
    static void start() throws Exception {
        server = ConclaveServer.start(
                new ServerOptions(new InetSocketAddress("127.0.0.1", 0), Optional.empty(), List.of()));
        bystander = WsTestClient.register(server.address(), WireEncoding.BINCODE, "bystander", "b");
        bystander.send(new Frame.Admin(new AdminOp.CreateChannel("lobby", Visibility.PUBLIC)));
        bystander.next(Frame.Ack.class);
        bystander.send(new Frame.Join("lobby", Optional.empty()));
        bystander.next(Frame.Joined.class);
    }

    @AfterContainer
    static void stop() {
        bystander.close();
        server.close();
    }

    @Property(tries = 150)
    void fuzzedFrames_atAnyStage_inEitherEncoding_neverInternalError_andTheServerStaysAvailable(
            @ForAll Stage stage, @ForAll WireEncoding encoding, @ForAll("inputs") List<Input> inputs) throws Exception {
        try (WsTestClient client = open(stage, encoding)) {
            boolean open = true;
            for (Input input : inputs) {
                open = open && sendQuietly(client, encoding, input);
            }
            String marker = "sync-" + USERS.incrementAndGet();
            if (open) {
                sendQuietly(client, encoding, new Input(new Frame.Leave(marker), Damage.NONE, 0, 0));
            }
            readUntilMarkerOrClose(client, marker);
        }

        assertStillAvailable();
    }

    private static WsTestClient open(Stage stage, WireEncoding encoding) throws Exception {
        if (stage == Stage.ESTABLISHED) {
            return WsTestClient.register(server.address(), encoding, "fuzz" + USERS.incrementAndGet(), "f");
        }
        WsTestClient client = WsTestClient.connect(server.address(), encoding);
        if (stage != Stage.AWAIT_HELLO) {
            client.send(new Frame.Hello(1, "f"));
            client.next(Frame.Challenge.class);
        }
        if (stage == Stage.AWAIT_AUTH) {
            SigningKey key = SigningKey.generate();
            client.send(new Frame.Register("fuzz" + USERS.incrementAndGet(), "box", Bytes.of(key.publicKey().bytes())));
        }
        return client;
    }

    /** Sends one input; false if the server had already closed the connection. */
    private static boolean sendQuietly(WsTestClient client, WireEncoding encoding, Input input) {
        try {
            if (encoding == WireEncoding.BINCODE) {
                client.sendBinary(damaged(BINCODE.encode(input.frame()), input));
            } else {
                byte[] json = JSON.encode(input.frame()).getBytes(StandardCharsets.UTF_8);
                client.sendText(new String(damaged(json, input), StandardCharsets.ISO_8859_1));
            }
            return true;
        } catch (Exception closedUnderUs) {
            return false;
        }
    }

    /** Every frame the server sends back is checked; ends at the marker's ack or the close. */
    private static void readUntilMarkerOrClose(WsTestClient client, String marker) throws InterruptedException {
        while (true) {
            WsTestClient.Event event = client.nextEvent();
            if (event instanceof WsTestClient.Closed) {
                return;
            }
            Frame frame = ((WsTestClient.Received) event).frame();
            if (frame instanceof Frame.Error error) {
                assertThat(error.error().kind()).as(error.error().display()).isNotEqualTo(ProtocolErrorKind.INTERNAL);
            }
            if (frame instanceof Frame.Ack ack && ack.detail().equals(Optional.of(marker))) {
                return;
            }
        }
    }

    private static void assertStillAvailable() throws Exception {
        bystander.send(new Frame.Ping());
        Frame reply = bystander.next();
        while (reply instanceof Frame.ChannelMsg || reply instanceof Frame.Whisper) {
            reply = bystander.next(); // fuzzed posts and whispers reach the bystander; skip them
        }
        assertThat(reply).isEqualTo(new Frame.Pong());
        try (WsTestClient fresh = WsTestClient.connect(server.address(), WireEncoding.JSON)) {
            fresh.send(new Frame.Hello(1, "probe"));
            fresh.next(Frame.Challenge.class);
        }
    }

    private static byte[] damaged(byte[] bytes, Input input) {
        if (bytes.length == 0 || input.damage() == Damage.NONE) {
            return bytes;
        }
        int at = Math.floorMod(input.position(), bytes.length);
        switch (input.damage()) {
            case FLIP: {
                byte[] copy = bytes.clone();
                copy[at] = (byte) input.value();
                return copy;
            }
            case TRUNCATE:
                return Arrays.copyOf(bytes, at);
            case INSERT: {
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = (byte) input.value();
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                return longer;
            }
            case RANDOM: {
                byte[] noise = new byte[1 + Math.floorMod(input.value(), 64)];
                new Random(input.position()).nextBytes(noise);
                return noise;
            }
            default:
                throw new IllegalStateException("unknown damage " + input.damage());
        }
    }

    @Provide
    Arbitrary<List<Input>> inputs() {
        Arbitrary<Frame> frames = Arbitraries.frequencyOf(
                Tuple.of(1, FrameArbitraries.frames()), Tuple.of(2, plausibleFrames()));
        Arbitrary<Input> input = Combinators.combine(
                        frames,
                        Arbitraries.of(Damage.class),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(0, 255))
                .as(Input::new);
        return input.list().ofMinSize(1).ofMaxSize(5);
    }

    /** Client requests aimed at names that exist, so fuzzing also reaches the request handlers. */
    private static Arbitrary<Frame> plausibleFrames() {
        Arbitrary<String> name = Arbitraries.of(NAMES);
        Arbitrary<Frame> hello = Arbitraries.integers().between(0, 2).map(version -> new Frame.Hello(version, "f"));
        Arbitrary<Frame> join = name.map(channel -> new Frame.Join(channel, Optional.empty()));
        Arbitrary<Frame> post = name.map(channel ->
                new Frame.ChannelMsg(channel, SessionPath.UNSTAMPED, new Payload.Plain("fuzz")));
        Arbitrary<Frame> read = name.map(channel -> new Frame.ReadSince(channel, Long.MAX_VALUE));
        Arbitrary<Frame> who = name.map(channel -> new Frame.Who(Optional.of(channel)));
        Arbitrary<Frame> whisper = Arbitraries.just(new Frame.Whisper(
                SessionPath.UNSTAMPED, new SessionPath("bystander", "box", "b"), new Payload.Plain("psst")));
        Arbitrary<Frame> create = name.map(channel -> new Frame.Admin(new AdminOp.CreateChannel(channel, Visibility.PRIVATE)));
        Arbitrary<Frame> invite = name.map(channel ->
                new Frame.Admin(new AdminOp.InviteCreate(channel, Optional.of(0L), Optional.of(-1L))));
        Arbitrary<Frame> kick = name.map(target -> new Frame.Admin(new AdminOp.Kick("lobby", target + "/x/y")));
        return Arbitraries.oneOf(hello, join, post, read, who, whisper, create, invite, kick,
                Arbitraries.just(new Frame.Ping()), Arbitraries.just(new Frame.ListChannels()));
    }
}
