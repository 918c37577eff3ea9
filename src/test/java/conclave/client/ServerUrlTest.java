package conclave.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerUrlTest {
    @Test
    void parse_wsWithoutPort_defaultsTo80() {
        ServerUrl url = ServerUrl.parse("ws://conclave.example");

        assertThat(url.host()).isEqualTo("conclave.example");
        assertThat(url.port()).isEqualTo(80);
        assertThat(url.secure()).isFalse();
    }

    @Test
    void parse_wssWithoutPort_defaultsTo443() {
        ServerUrl url = ServerUrl.parse("wss://conclave.example/");

        assertThat(url.port()).isEqualTo(443);
        assertThat(url.secure()).isTrue();
    }

    @Test
    void parse_explicitPortPathAndQuery_keepsThemAll() {
        ServerUrl url = ServerUrl.parse("ws://127.0.0.1:4390/conclave?via=alias");

        assertThat(url.port()).isEqualTo(4390);
        assertThat(url.uri().getRawPath()).isEqualTo("/conclave");
        assertThat(url.uri().getRawQuery()).isEqualTo("via=alias");
        assertThat(url.text()).isEqualTo("ws://127.0.0.1:4390/conclave?via=alias");
    }

    @Test
    void parse_upperCaseScheme_isAcceptedAndNormalisedForTheUpgrade() {
        ServerUrl url = ServerUrl.parse("WSS://conclave.example");

        assertThat(url.secure()).isTrue();
        assertThat(url.uri().getScheme()).isEqualTo("wss");
        assertThat(url.text()).isEqualTo("WSS://conclave.example");
    }

    @Test
    void parse_ipv6Literal_dialsTheBareAddress() {
        ServerUrl url = ServerUrl.parse("ws://[::1]:4390/");

        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(4390);
    }

    @Test
    void parse_highestPort_isAccepted() {
        assertThat(ServerUrl.parse("ws://h:65535").port()).isEqualTo(65535);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://conclave.example | the scheme must be ws:// or wss://, not http://",
        "conclave.example:4390   | the scheme must be ws:// or wss://, not conclave.example://",
        "localhost               | the scheme must be ws:// or wss://",
        "ws:///path              | a host is required, as in ws://host:4390",
        "ws:conclave.example     | a host is required, as in ws://host:4390",
        "ws://under_score:4390   | a host is required, as in ws://host:4390",
        "ws://h:0                | the port must be between 1 and 65535",
        "ws://me@h:4390          | user information (`user@`) is not allowed",
        "ws://h:4390/#top        | a fragment (`#…`) is not allowed",
    })
    void parse_invalid_namesTheUrlAndTheRule(String text, String rule) {
        assertThatThrownBy(() -> ServerUrl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid server URL `" + text + "`: " + rule);
    }

    @Test
    void parse_unparseable_namesTheProblem() {
        assertThatThrownBy(() -> ServerUrl.parse("ws://h:4390/a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid server URL `ws://h:4390/a b`: Illegal character in path");
    }

    @Test
    void parse_portOutOfRange_isRejected() {
        assertThatThrownBy(() -> ServerUrl.parse("ws://h:65536"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid server URL `ws://h:65536`: the port must be between 1 and 65535");
    }

    @Test
    void equals_sameServerDifferentText_isDifferent() {
        assertThat(ServerUrl.parse("ws://h:80")).isNotEqualTo(ServerUrl.parse("ws://h"));
        assertThat(ServerUrl.parse("ws://h")).isEqualTo(ServerUrl.parse("ws://h")).hasToString("ws://h");
    }
}
