package conclave.server;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TracedNamesTest {
    @Test
    void channelRequests_namedByKind_withTheirChannel() {
        Frame post = new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain("secret body"));

        assertThat(TracedNames.kind(post)).isEqualTo("channel_msg");
        assertThat(TracedNames.channel(post)).contains("lobby");
        assertThat(TracedNames.channel(new Frame.Join("ops", Optional.of("invite-token")))).contains("ops");
        assertThat(TracedNames.channel(new Frame.ReadSince("ops", 0))).contains("ops");
        assertThat(TracedNames.channel(new Frame.Who(Optional.empty()))).isEmpty();
        assertThat(TracedNames.channel(new Frame.Ping())).isEmpty();
    }

    @Test
    void adminOps_namedByOp_withTheChannelOnlyWhenTheyNameOne() {
        Frame kick = new Frame.Admin(new AdminOp.Kick("ops", "mallory"));
        Frame revoke = new Frame.Admin(new AdminOp.InviteRevoke("invite-token"));

        assertThat(TracedNames.kind(kick)).isEqualTo("admin kick");
        assertThat(TracedNames.channel(kick)).contains("ops");
        assertThat(TracedNames.kind(revoke)).isEqualTo("admin invite_revoke");
        assertThat(TracedNames.channel(revoke)).isEmpty();
    }
}
