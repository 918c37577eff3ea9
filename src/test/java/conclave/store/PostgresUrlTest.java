package conclave.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing {@code --store} URLs: credentials from the URL or the libpq variables, passwords masked. */
class PostgresUrlTest {
    @Test
    void parse_credentialsInTheUrl_winOverTheEnvironment() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db:5433/conclave?user=app&password=s3cret",
                Map.of("PGUSER", "other", "PGPASSWORD", "other"));

        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("s3cret");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/conclave?user=app&password=s3cret");
    }

    @Test
    void parse_noCredentialsInTheUrl_takesPgUserAndPgPassword() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/conclave", Map.of("PGUSER", "app", "PGPASSWORD", "s3cret"));

        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("s3cret");
    }

    @Test
    void parse_noCredentialsAnywhere_leavesThemToTheDriver() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/conclave", Map.of("PGPASSWORD", ""));

        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
    }

    @Test
    void masked_andToString_hideThePasswordWhereverItStands() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/conclave?password=s3cret&user=app&sslmode=require", Map.of());

        assertThat(url.masked()).isEqualTo("jdbc:postgresql://db/conclave?password=***&user=app&sslmode=require");
        assertThat(url.toString()).doesNotContain("s3cret");
        assertThat(new StoreLocation.Postgres(url).toString()).isEqualTo("postgresql=" + url.masked());
    }

    @Test
    void parse_otherScheme_refusedNamingTheExpectedFormWithoutThePassword() {
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://db/conclave?password=s3cret", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unsupported store `mysql://db/conclave?password=***`: expected jdbc:postgresql://")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void parse_badPort_refused() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://db:port/conclave", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a valid PostgreSQL JDBC URL");
    }

    @Test
    void parse_noDatabase_refused() {
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:postgresql://db/", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no database");
    }
}
