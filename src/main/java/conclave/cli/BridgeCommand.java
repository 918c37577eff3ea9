package conclave.cli;

import conclave.bridge.Bridge;
import conclave.bridge.BridgeSettings;
import conclave.identity.SigningKey;
import conclave.protocol.NameKind;
import conclave.protocol.Names;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code conclave bridge}: the MCP stdio bridge that Claude Code launches, one per session. */
@Command(name = "bridge", description = "Run the MCP bridge for one Claude Code session (MCP on stdio, WebSocket links to your servers).")
final class BridgeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "<URL>",
            description = "Link only to this registered server (repeatable; default: every registered server).")
    List<String> servers = new ArrayList<>();

    @Option(names = "--as", paramLabel = "<HANDLE>",
            description = "Session handle, never renamed (default: the working directory's name, renamed <name>-2, -3 … if another session holds it).")
    String handle;

    @Option(names = "--no-permission-relay",
            description = "Do not declare claude/channel/permission, so Claude Code relays no permission prompts.")
    boolean noPermissionRelay;

    @Override
    public Integer call() throws InterruptedException {
        Optional<String> explicit = Optional.ofNullable(handle).map(name -> Names.check(NameKind.SESSION_HANDLE, name));
        ConclaveCommand root = ConclaveCommand.of(spec);
        SigningKey key = root.keyFile().load();
        BridgeSettings settings = BridgeSettings.select(root.configFile().load(), servers, explicit,
                directoryName(), !noPermissionRelay, VersionProvider.version());
        CompletableFuture<Void> stop = new CompletableFuture<>();
        ShutdownSignals.onTermOrInt(() -> stop.complete(null));
        // MCP needs raw stdout: picocli's writer is for people.
        OutputStream mcp = new FileOutputStream(FileDescriptor.out);
        Bridge.run(settings, key, new FileInputStream(FileDescriptor.in), mcp, stop);
        return 0;
    }

    private static String directoryName() {
        Path name = Path.of("").toAbsolutePath().getFileName();
        return name == null ? "" : name.toString();
    }
}
