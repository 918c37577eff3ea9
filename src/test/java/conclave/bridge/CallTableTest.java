package conclave.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call table numbers, sends or holds calls, and gives back the ones it ends, oldest first. */
class CallTableTest {
    private final DispatcherRig.Clock clock = new DispatcherRig.Clock();
    private final List<Long> sent = new ArrayList<>();
    private final CallTable calls = new CallTable(clock, new LinkPort() {
        @Override
        public void request(String server, long callId, Frame request) {
            sent.add(callId);
        }

        @Override
        public void handleChanged(String handle) {}
    }, Duration.ofSeconds(30));

    @Test
    void open_linkDown_heldUntilLinkUp() {
        long held = calls.open("s1", null, new Frame.ListChannels(), null, null, false);
        long now = calls.open("s1", null, new Frame.ListChannels(), null, null, true);

        assertThat(sent).containsExactly(now);
        calls.linkUp("s1");
        assertThat(sent).containsExactly(now, held);
    }

    @Test
    void closeAll_sentOnly_keepsHeldCalls() {
        long held = calls.open("s1", null, new Frame.ListChannels(), null, null, false);
        long other = calls.open("s2", null, new Frame.ListChannels(), null, null, true);
        long now = calls.open("s1", null, new Frame.ListChannels(), null, null, true);

        assertThat(calls.closeAll("s1", false)).extracting(Call::id).containsExactly(now);
        assertThat(calls.closeAll("s1", true)).extracting(Call::id).containsExactly(held);
        assertThat(calls.close(other)).isPresent();
        assertThat(calls.close(other)).isEmpty();
    }

    @Test
    void expire_atTheDeadline_notBefore() {
        long first = calls.open("s1", null, new Frame.ListChannels(), null, null, false);
        clock.advance(Duration.ofSeconds(1));
        calls.open("s1", null, new Frame.ListChannels(), null, null, true);

        clock.advance(Duration.ofSeconds(29).minusMillis(1));
        assertThat(calls.expire()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(calls.expire()).extracting(Call::id).containsExactly(first);
        calls.linkUp("s1");
        assertThat(sent).hasSize(1); // the expired call is no longer held
    }
}
