package conclave.cli;

import conclave.client.ControlOptions;
import conclave.client.ServerUrl;
import conclave.config.ServerRegistration;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a server-touching verb reaches the server named by {@code --server}: the registration for
 * that exact URL in config.toml, and this machine's key.
 */
final class ServerAccess {
    private ServerAccess() {}

    /** The registration for {@code url}; fails with the message {@code server remove} uses. */
    static ServerRegistration registration(CommandSpec spec, String url) {
        return ConclaveCommand.of(spec).configFile().load().server(url)
                .orElseThrow(() -> notRegistered(url));
    }

    /** Options for one-shot control sessions as {@code cli-<pid>} against the registered {@code url}. */
    static ControlOptions control(CommandSpec spec, String url) {
        registration(spec, url);
        return ControlOptions.of(ServerUrl.parse(url), ConclaveCommand.of(spec).keyFile().load());
    }

    static IllegalArgumentException notRegistered(String url) {
        return new IllegalArgumentException("no registration for `" + url + "` (see `conclave server list`)");
    }
}
