package conclave.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void generate_is32Base64UrlCharactersOf24Bytes() {
        String token = Tokens.generate();

        assertThat(token).matches("[A-Za-z0-9_-]{32}");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(24);
    }

    @Test
    void generate_manyTimes_neverRepeats() {
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 1000; i++) {
            seen.add(Tokens.generate());
        }

        assertThat(seen).hasSize(1000);
    }

    @Test
    void generate_neverStartsWithADash() {
        // With a leading dash one token in 64 would read as an option on a command line; in
        // 2,000 draws some 31 would start with one.
        for (int i = 0; i < 2000; i++) {
            assertThat(Tokens.generate()).doesNotStartWith("-");
        }
    }
}
