package conclave.server;

import static conclave.server.ChannelScenariosTest.admin;
import static conclave.server.ChannelScenariosTest.join;
import static conclave.server.ChannelScenariosTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.identity.SigningKey;
import conclave.protocol.AdminOp;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Security: every request and admin op, sent by every role, gets exactly the reply in one table.
 * Each cell runs in a fresh world (its own in-memory store), so no cell's effect leaks into another;
 * the test reports every cell that differs, not just the first.
 *
 * <p>The world: {@code carol} created private {@code ops} (joined) and public {@code lobby};
 * {@code mike} is on the {@code ops} ACL and joined; {@code pat} joined {@code lobby} without an
 * ACL row; {@code bob} joined {@code lobby} and was then banned from it; {@code nina} is only
 * registered; {@code root} is the server admin; {@code zed} is only the target of whispers; {@code ray}'s machine {@code old} was removed from
 * his other machine. Each role acts on one channel: the one its role is about.
 */
class AuthorizationMatrixTest {
    /** Who sends the request, and the channel the role is about. */
    enum Role {
        NON_MEMBER("nina", "ops"),
        PUBLIC_SUBSCRIBER("pat", "lobby"),
        ACL_MEMBER("mike", "ops"),
        CREATOR("carol", "ops"),
        SERVER_ADMIN("root", "ops"),
        BANNED("bob", "lobby"),
        REMOVED_MACHINE("ray", "ops");

        final String user;
        final String channel;

        Role(String user, String channel) {
            this.user = user;
            this.channel = channel;
        }
    }

    private static final String NOT_FOUND = "not found: channel `<c>` not found";
    private static final String NOT_MEMBER = "unauthorized: not a member of channel `<c>`";
    private static final String ADMIN_ONLY = "unauthorized: not authorized: admin role required";
    private static final String REFUSED = "handshake refused: unauthorized: unknown machine key";

    /** Request name → how to build it for a channel, in table order. */
    private static final Map<String, BiFunction<World, String, Frame>> REQUESTS = new LinkedHashMap<>();
    /** Request name → the expected reply per role, in {@link Role} order; {@code <c>} is the role's channel. */
    private static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

    private static void cell(String name, BiFunction<World, String, Frame> request, String... replies) {
        assertThat(replies).as(name).hasSize(Role.values().length);
        REQUESTS.put(name, request);
        EXPECTED.put(name, List.of(replies));
    }

    static {
        //   request                    NON_MEMBER  PUBLIC_SUBSCRIBER  ACL_MEMBER  CREATOR  SERVER_ADMIN  BANNED  REMOVED_MACHINE
        cell("Join", (w, c) -> join(c),
                NOT_FOUND, "joined <c>", "joined <c>", "joined <c>", NOT_FOUND, "unauthorized: channel `<c>` is private", REFUSED);
        cell("Leave", (w, c) -> new Frame.Leave(c),
                "ack <c>", "ack <c>", "ack <c>", "ack <c>", "ack <c>", "ack <c>", REFUSED);
        cell("Who channel", (w, c) -> new Frame.Who(Optional.of(c)),
                NOT_FOUND, "presence [pat]", "presence [carol,mike]", "presence [carol,mike]", "presence [carol,mike]",
                "presence [pat]", REFUSED);
        cell("Who all", (w, c) -> new Frame.Who(Optional.empty()),
                "presence [bob,carol,mike,nina,pat,ray,root,zed]", "presence [bob,carol,mike,nina,pat,ray,root,zed]",
                "presence [bob,carol,mike,nina,pat,ray,root,zed]", "presence [bob,carol,mike,nina,pat,ray,root,zed]",
                "presence [bob,carol,mike,nina,pat,ray,root,zed]", "presence [bob,carol,mike,nina,pat,ray,root,zed]", REFUSED);
        cell("ListChannels", (w, c) -> new Frame.ListChannels(),
                "channels [lobby]", "channels [lobby]", "channels [lobby,ops]", "channels [lobby,ops]",
                "channels [lobby,ops]", "channels [lobby]", REFUSED);
        cell("ListMachines", (w, c) -> new Frame.ListMachines(),
                "machines [box]", "machines [box]", "machines [box]", "machines [box]", "machines [box]", "machines [box]",
                REFUSED);
        cell("ListUsers", (w, c) -> new Frame.ListUsers(),
                ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "users [bob,carol,mike,nina,pat,ray,root,zed]", ADMIN_ONLY,
                REFUSED);
        cell("ChannelMsg", (w, c) -> post(c, "hello"),
                NOT_MEMBER, "ack", "ack", "ack", NOT_MEMBER, NOT_MEMBER, REFUSED);
        cell("Whisper", (w, c) -> new Frame.Whisper(SessionPath.UNSTAMPED, w.whisperTarget, new Payload.Plain("psst")),
                "ack", "ack", "ack", "ack", "ack", "ack", REFUSED);
        cell("ReadSince", (w, c) -> new Frame.ReadSince(c, 0),
                NOT_MEMBER, "history 1", "history 1", "history 1", NOT_MEMBER, NOT_MEMBER, REFUSED);
        cell("Ping", (w, c) -> new Frame.Ping(),
                "pong", "pong", "pong", "pong", "pong", "pong", REFUSED);
        cell("CreateChannel", (w, c) -> admin(new AdminOp.CreateChannel("fresh", Visibility.PRIVATE)),
                "ack fresh", "ack fresh", "ack fresh", "ack fresh", "ack fresh", "ack fresh", REFUSED);
        cell("DeleteChannel", (w, c) -> admin(new AdminOp.DeleteChannel(c)),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "ack <c>", "ack <c>", ADMIN_ONLY, REFUSED);
        cell("RenameChannel", (w, c) -> admin(new AdminOp.RenameChannel(c, "renamed")),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "ack renamed", "ack renamed", ADMIN_ONLY, REFUSED);
        cell("SetVisibility", (w, c) -> admin(new AdminOp.SetVisibility(c, Visibility.UNLISTED)),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "ack <c>", "ack <c>", ADMIN_ONLY, REFUSED);
        cell("AclAdd", (w, c) -> admin(new AdminOp.AclAdd(c, "nina")),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "ack nina", "ack nina", ADMIN_ONLY, REFUSED);
        cell("AclRemove", (w, c) -> admin(new AdminOp.AclRemove(c, "mike")),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "ack mike", "ack mike", ADMIN_ONLY, REFUSED);
        cell("AclList", (w, c) -> admin(new AdminOp.AclList(c)),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "users [carol,mike]", "users [carol,mike]", ADMIN_ONLY, REFUSED);
        cell("InviteCreate", (w, c) -> admin(new AdminOp.InviteCreate(c, Optional.of(1L), Optional.empty())),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "invite token", "invite token", ADMIN_ONLY, REFUSED);
        cell("InviteList", (w, c) -> admin(new AdminOp.InviteList(c)),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "invites 1", "invites 1", ADMIN_ONLY, REFUSED);
        cell("InviteRevoke", (w, c) -> admin(new AdminOp.InviteRevoke(w.token)),
                "ack token", "ack token", "ack token", "ack token", "ack token", "ack token", REFUSED);
        cell("Kick", (w, c) -> admin(new AdminOp.Kick(c, "pat")),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "ack pat", "ack pat", ADMIN_ONLY, REFUSED);
        cell("Ban", (w, c) -> admin(new AdminOp.Ban(c, "nina")),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "ack nina", "ack nina", ADMIN_ONLY, REFUSED);
        cell("Unban", (w, c) -> admin(new AdminOp.Unban(c, "bob")),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "ack bob", "ack bob", ADMIN_ONLY, REFUSED);
        cell("BanList", (w, c) -> admin(new AdminOp.BanList(c)),
                NOT_FOUND, ADMIN_ONLY, ADMIN_ONLY, "users []", "users []", ADMIN_ONLY, REFUSED);
        cell("MachineAdd", (w, c) -> admin(new AdminOp.MachineAdd("spare", Bytes.of(SigningKey.generate().publicKey().bytes()))),
                "ack spare", "ack spare", "ack spare", "ack spare", "ack spare", "ack spare", REFUSED);
        cell("MachineRemove", (w, c) -> admin(new AdminOp.MachineRemove("nosuch")),
                "ack nosuch", "ack nosuch", "ack nosuch", "ack nosuch", "ack nosuch", "ack nosuch", REFUSED);
        cell("UserRemove", (w, c) -> admin(new AdminOp.UserRemove("pat")),
                ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "ack pat", ADMIN_ONLY, REFUSED);
    }

    /** Keys are made once: each world has its own store, so they can be shared, and key generation is slow. */
    private static final class Keys {
        final Map<String, SigningKey> users = new HashMap<>();
        final SigningKey removed = SigningKey.generate();
        final SigningKey other = SigningKey.generate();

        Keys() {
            for (String user : List.of("carol", "mike", "pat", "bob", "nina", "root", "zed")) {
                users.put(user, SigningKey.generate());
            }
        }

        SigningKey of(String user) {
            return users.get(user);
        }
    }

    private static final Keys KEYS = new Keys();

    /** One cell's world: the server, every role's live session and the facts requests refer to. */
    private static final class World implements AutoCloseable {
        final TestServer server;
        final Map<Role, TestSession> sessions = new EnumMap<>(Role.class);
        /** Online, and in no role: whispers go here so no sender whispers to itself. */
        final SessionPath whisperTarget;
        final String token;
        final SigningKey removedKey = KEYS.removed;

        World() {
            server = TestServer.ephemeral("root");
            TestSession creator = register("carol", "c");
            TestSession member = register("mike", "m");
            TestSession subscriber = register("pat", "p");
            TestSession banned = register("bob", "b");
            sessions.put(Role.CREATOR, creator);
            sessions.put(Role.ACL_MEMBER, member);
            sessions.put(Role.PUBLIC_SUBSCRIBER, subscriber);
            sessions.put(Role.BANNED, banned);
            sessions.put(Role.NON_MEMBER, register("nina", "n"));
            sessions.put(Role.SERVER_ADMIN, register("root", "r"));
            whisperTarget = register("zed", "z").path();

            creator.send(admin(new AdminOp.CreateChannel("ops", Visibility.PRIVATE))).nextAck();
            creator.send(admin(new AdminOp.CreateChannel("lobby", Visibility.PUBLIC))).nextAck();
            creator.send(join("ops")).next(Frame.Joined.class);
            creator.send(admin(new AdminOp.AclAdd("ops", "mike"))).nextAck();
            member.send(join("ops")).next(Frame.Joined.class);
            subscriber.send(join("lobby")).next(Frame.Joined.class);
            banned.send(join("lobby")).next(Frame.Joined.class);
            creator.send(admin(new AdminOp.Ban("lobby", "bob"))).nextAck();
            creator.send(admin(new AdminOp.InviteCreate("ops", Optional.empty(), Optional.empty())));
            token = creator.next(Frame.InviteToken.class).token();
            creator.send(post("ops", "in ops")).nextAck();
            subscriber.send(post("lobby", "in lobby")).nextAck();

            SigningKey otherKey = KEYS.other;
            TestSession old = server.register("ray", "old", "o", removedKey);
            old.send(admin(new AdminOp.MachineAdd("new", Bytes.of(otherKey.publicKey().bytes())))).nextAck();
            TestSession other = server.login(otherKey, "n");
            other.send(admin(new AdminOp.MachineRemove("old"))).nextAck();
            assertThat(old.closed()).as("the removed machine's session is dropped").isTrue();
            sessions.values().forEach(TestSession::drain);
        }

        private TestSession register(String user, String handle) {
            return server.register(user, "box", handle, KEYS.of(user));
        }

        /** The first reply the role gets to {@code request}; a refused handshake is prefixed so. */
        String reply(Role role, Frame request) {
            TestSession session = sessions.get(role);
            if (role == Role.REMOVED_MACHINE) {
                session = server.connect();
                session.send(TestServer.auth(removedKey, TestServer.hello(session, "again")));
                Frame answer = session.next();
                if (!(answer instanceof Frame.Established)) {
                    return "handshake refused: " + ReplySummary.of(answer);
                }
                session.next(Frame.ServerInfo.class);
            }
            String summary = ReplySummary.of(session.send(request).next());
            return summary.replace(token, "token");
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @Test
    void everyRequestFromEveryRole_getsExactlyTheReplyInTheTable() {
        List<String> differing = REQUESTS.keySet().stream()
                .flatMap(request -> Arrays.stream(Role.values()).map(role -> new Cell(request, role)))
                .parallel() // worlds share nothing, and building ~200 of them is the slow part
                .map(AuthorizationMatrixTest::difference)
                .flatMap(Optional::stream)
                .sorted()
                .toList();

        assertThat(differing).as("cells that differ from the table").isEmpty();
    }

    private record Cell(String request, Role role) {}

    private static Optional<String> difference(Cell cell) {
        String expected = EXPECTED.get(cell.request()).get(cell.role().ordinal()).replace("<c>", cell.role().channel);
        String actual;
        try (World world = new World()) {
            actual = world.reply(cell.role(), REQUESTS.get(cell.request()).apply(world, cell.role().channel));
        }
        return actual.equals(expected)
                ? Optional.empty()
                : Optional.of(cell.request() + " × " + cell.role() + ": expected <" + expected + "> but got <" + actual + ">");
    }
}
