package conclave.config;

import java.util.Objects;
import java.util.Optional;

/**
 * This machine's registration on one server, as {@code conclave register} records it: a
 * {@code [[servers]]} table of config.toml. The URL is the server's key, compared as an exact
 * string.
 *
 * @param url a {@code ws://} or {@code wss://} URL
 * @param username the account on that server
 * @param machine the name this machine's key is enrolled under
 * @param approver the {@code user/machine/session} path that answers this machine's Claude Code
 *     permission prompts on that server ({@code conclave perm approver set}), if any
 */
public record ServerRegistration(String url, String username, String machine, Optional<String> approver) {
    /** @throws ConfigValueException naming the first invalid field and its rule */
    public ServerRegistration {
        ValueRules.serverUrl("url", url);
        ValueRules.name("username", username);
        ValueRules.name("machine", machine);
        Objects.requireNonNull(approver, "approver");
        approver.ifPresent(path -> ValueRules.sessionPath("approver", path));
    }

    /** A registration without an approver. */
    public ServerRegistration(String url, String username, String machine) {
        this(url, username, machine, Optional.empty());
    }

    /** A copy with {@code path} as the approver, or none if empty. */
    public ServerRegistration withApprover(Optional<String> path) {
        return new ServerRegistration(url, username, machine, path);
    }
}
