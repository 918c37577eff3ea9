package conclave.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ClusterAddressTest {
    @Test
    void parse_theThreeForms_areRecognised() {
        assertThat(ClusterAddress.parse("none")).isEqualTo(new ClusterAddress.Solo());
        assertThat(ClusterAddress.parse("postgres")).isEqualTo(new ClusterAddress.Postgres());
        assertThat(ClusterAddress.parse("nats://127.0.0.1:4222"))
                .isEqualTo(new ClusterAddress.Nats(URI.create("nats://127.0.0.1:4222")));
    }

    @Test
    void parse_unknownBus_namesTheValueAndTheForms() {
        assertThatThrownBy(() -> ClusterAddress.parse("redis://x:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid cluster bus `redis://x:1`: expected `none`, `postgres` or `nats://HOST:PORT`");
        assertThatThrownBy(() -> ClusterAddress.parse(""))
                .hasMessageContaining("expected `none`, `postgres` or `nats://HOST:PORT`");
    }

    @Test
    void parse_natsWithoutPort_orWithAPath_isRefused() {
        assertThatThrownBy(() -> ClusterAddress.parse("nats://127.0.0.1"))
                .hasMessageContaining("needs a host and a port");
        assertThatThrownBy(() -> ClusterAddress.parse("nats://127.0.0.1:4222/x"))
                .hasMessageContaining("no path or query");
        assertThatThrownBy(() -> ClusterAddress.parse("nats://bad host:1"))
                .hasMessageContaining("not a URL");
    }
}
