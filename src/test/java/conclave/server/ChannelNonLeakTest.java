package conclave.server;

import static conclave.server.ChannelScenariosTest.admin;
import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Security, non-leak property: for every request that names a channel, a caller who may not see
 * a hidden channel gets the same reply for it as for a channel that does not exist, once the
 * name is masked. Hidden means private (or unlisted, except for {@code Join}: an unlisted name is
 * its own key), and the caller is a stranger, a member taken off the ACL, or a banned user.
 *
 * <p>Left out on purpose: {@code CreateChannel} and the new name of {@code RenameChannel}, where
 * "that name is taken" is the answer the caller asked for (SPEC §6, decision 5).
 */
class ChannelNonLeakTest {
    /** How the caller stands towards the hidden channel. */
    enum Caller {
        STRANGER,
        REMOVED_FROM_ACL,
        BANNED
    }

    /** Every request that names a channel, built for a name. */
    private static final List<Request> REQUESTS = List.of(
            new Request("Join", name -> new Frame.Join(name, Optional.empty()), false),
            new Request("Join with a token", name -> new Frame.Join(name, Optional.of("not-a-token")), false),
            new Request("Leave", Frame.Leave::new, true),
            new Request("Who", name -> new Frame.Who(Optional.of(name)), true),
            new Request("ChannelMsg", name -> new Frame.ChannelMsg(name, SessionPath.UNSTAMPED, new Payload.Plain("x")), true),
            new Request("ReadSince", name -> new Frame.ReadSince(name, 0), true),
            new Request("DeleteChannel", name -> admin(new AdminOp.DeleteChannel(name)), true),
            new Request("RenameChannel", name -> admin(new AdminOp.RenameChannel(name, "elsewhere")), true),
            new Request("SetVisibility", name -> admin(new AdminOp.SetVisibility(name, Visibility.PUBLIC)), true),
            new Request("AclAdd", name -> admin(new AdminOp.AclAdd(name, "eve")), true),
            new Request("AclRemove", name -> admin(new AdminOp.AclRemove(name, "owner")), true),
            new Request("AclList", name -> admin(new AdminOp.AclList(name)), true),
            new Request("InviteCreate", name -> admin(new AdminOp.InviteCreate(name, Optional.of(1L), Optional.empty())), true),
            new Request("InviteList", name -> admin(new AdminOp.InviteList(name)), true),
            new Request("Kick", name -> admin(new AdminOp.Kick(name, "owner")), true),
            new Request("Ban", name -> admin(new AdminOp.Ban(name, "owner")), true),
            new Request("Unban", name -> admin(new AdminOp.Unban(name, "eve")), true),
            new Request("BanList", name -> admin(new AdminOp.BanList(name)), true));

    /** A request naming a channel; {@code unlistedHides} is false where an unlisted name alone grants access. */
    record Request(String name, Function<String, Frame> build, boolean unlistedHides) {}

    @Property(tries = 40)
    void hiddenAndAbsentChannels_getTheSameMaskedReply_toEveryRequest(
            @ForAll("names") String hidden,
            @ForAll("names") String absent,
            @ForAll("hiding") Visibility visibility,
            @ForAll Caller caller) {
        Assume.that(!hidden.equals(absent) && !hidden.equals("elsewhere") && !absent.equals("elsewhere"));
        List<String> leaks = new ArrayList<>();

        try (TestServer server = TestServer.ephemeral()) {
            TestSession owner = server.register("owner", "o");
            TestSession eve = server.register("eve", "e");
            owner.send(admin(new AdminOp.CreateChannel(hidden, visibility))).nextAck();
            if (caller == Caller.REMOVED_FROM_ACL) {
                owner.send(admin(new AdminOp.AclAdd(hidden, "eve"))).nextAck();
                owner.send(admin(new AdminOp.AclRemove(hidden, "eve"))).nextAck();
            } else if (caller == Caller.BANNED) {
                owner.send(admin(new AdminOp.Ban(hidden, "eve"))).nextAck();
            }

            for (Request request : REQUESTS) {
                if (visibility == Visibility.UNLISTED && !request.unlistedHides()) {
                    continue;
                }
                String forHidden = masked(eve.send(request.build().apply(hidden)).next(), hidden);
                String forAbsent = masked(eve.send(request.build().apply(absent)).next(), absent);
                if (!forHidden.equals(forAbsent)) {
                    leaks.add(request.name() + ": hidden <" + forHidden + "> vs absent <" + forAbsent + ">");
                }
            }
        }

        assertThat(leaks).as("replies that tell a hidden channel from an absent one").isEmpty();
    }

    /** The reply's summary with the channel name replaced, wherever the reply quotes it. */
    private static String masked(Frame reply, String name) {
        String summary = ReplySummary.of(reply);
        if (summary.equals("ack " + name)) {
            return "ack <channel>";
        }
        return summary.replace("`" + name + "`", "`<channel>`");
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('-', '_', '.', 'é', '字', '`')
                .ofMinLength(1)
                .ofMaxLength(64);
    }

    @Provide
    Arbitrary<Visibility> hiding() {
        return Arbitraries.of(Visibility.PRIVATE, Visibility.UNLISTED);
    }
}
