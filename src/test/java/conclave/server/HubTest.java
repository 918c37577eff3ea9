package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Presence, subscriptions and the ban mirror, without sessions around them. */
class HubTest {
    /** A member that records what it is offered and why it was killed. */
    private static final class FakeMember implements Member {
        final SessionPath path;
        final List<Frame> received = new ArrayList<>();
        String killedFor;

        FakeMember(String text) {
            this.path = SessionPath.parse(text).orElseThrow();
        }

        @Override
        public SessionPath path() {
            return path;
        }

        @Override
        public boolean offer(SharedFrame frame) {
            received.add(frame.frame());
            return true;
        }

        @Override
        public void kill(String reason) {
            killedFor = reason;
        }

        @Override
        public boolean isKilled() {
            return killedFor != null;
        }

        @Override
        public long lastSeenNanos() {
            return 0;
        }
    }

    private final Hub hub = new Hub(List.of(new Hub.ChannelUser("ops", "mallory")), new ServerMetrics());

    @Test
    void subscribe_bannedUser_isRefusedAndNotSubscribed() {
        FakeMember mallory = new FakeMember("mallory/m/s");
        hub.attach(mallory);

        assertThat(hub.subscribe(mallory, "ops")).isFalse();
        assertThat(hub.subscribers("ops")).isEmpty();
    }

    @Test
    void ban_afterSubscribe_unsubscribesAndBlocksTheNextSubscribe() {
        FakeMember bob = new FakeMember("bob/b/s");
        hub.attach(bob);
        hub.subscribe(bob, "lobby");

        hub.ban("lobby", "bob");

        assertThat(hub.subscribers("lobby")).isEmpty();
        assertThat(hub.subscribe(bob, "lobby")).isFalse();
    }

    @Test
    void detach_ofSupersededMember_leavesItsReplacementInPlace() {
        FakeMember old = new FakeMember("a/w/r");
        FakeMember replacement = new FakeMember("a/w/r");
        hub.attach(old);
        hub.subscribe(old, "lobby");

        assertThat(hub.attach(replacement)).containsSame(old);
        hub.detach(old);

        assertThat(hub.find(replacement.path)).containsSame(replacement);
        assertThat(hub.subscribers("lobby")).isEmpty();
    }

    @Test
    void renameChannel_movesSubscribersAndBans() {
        FakeMember bob = new FakeMember("bob/b/s");
        hub.attach(bob);
        hub.subscribe(bob, "lobby");
        hub.ban("lobby", "eve");

        hub.renameChannel("lobby", "hall");

        assertThat(hub.subscribers("hall")).containsExactly(bob.path);
        assertThat(hub.isSubscribed(bob, "hall")).isTrue();
        assertThat(hub.isBanned("hall", "eve")).isTrue();
        assertThat(hub.isBanned("lobby", "eve")).isFalse();
    }

    @Test
    void fanOut_skipsOnlyTheExactSenderPath() {
        FakeMember sender = new FakeMember("a/w/one");
        FakeMember sameUserOtherHandle = new FakeMember("a/w/two");
        FakeMember other = new FakeMember("b/x/s");
        for (FakeMember member : List.of(sender, sameUserOtherHandle, other)) {
            hub.attach(member);
            hub.subscribe(member, "lobby");
        }
        Frame.Pong frame = new Frame.Pong();

        hub.fanOut("lobby", sender.path, frame);

        assertThat(sender.received).isEmpty();
        assertThat(sameUserOtherHandle.received).containsExactly(frame);
        assertThat(other.received).containsExactly(frame);
    }

    @Test
    void dropChannel_forgetsSubscriptionsAndBans() {
        FakeMember bob = new FakeMember("bob/b/s");
        hub.attach(bob);
        hub.subscribe(bob, "ops");

        hub.dropChannel("ops");

        assertThat(hub.isSubscribed(bob, "ops")).isFalse();
        assertThat(hub.isBanned("ops", "mallory")).isFalse();
    }
}
