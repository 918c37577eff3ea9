package conclave.config;

/**
 * This machine's registration on one server, as {@code conclave register} records it: a
 * {@code [[servers]]} table of config.toml. The URL is the server's key, compared as an exact
 * string.
 *
 * @param url a {@code ws://} or {@code wss://} URL
 * @param username the account on that server
 * @param machine the name this machine's key is enrolled under
 */
public record ServerRegistration(String url, String username, String machine) {
    /** @throws ConfigValueException naming the first invalid field and its rule */
    public ServerRegistration {
        ValueRules.serverUrl("url", url);
        ValueRules.name("username", username);
        ValueRules.name("machine", machine);
    }
}
