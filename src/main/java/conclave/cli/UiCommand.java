package conclave.cli;

import conclave.client.ClientTransport;
import conclave.config.ConclaveConfig;
import conclave.identity.SigningKey;
import conclave.ui.UiConsole;
import conclave.ui.UiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code conclave ui}: the local web console on 127.0.0.1, with one link per registered server as
 * {@code ui}, until Ctrl-C. stdout carries the address (with its access token); notes go to stderr.
 */
@Command(name = "ui", description = "Open a local web console (127.0.0.1 only) on every registered server, until Ctrl-C.")
final class UiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "<N>", description = "Port on 127.0.0.1 (default: 0, any free port).")
    int port;

    @Option(names = "--no-open", description = "Print the address only; do not start a browser.")
    boolean noOpen;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port: " + port + " (expected: 0..65535)");
        }
        ConclaveCommand root = ConclaveCommand.of(spec);
        ConclaveConfig config = root.configFile().load();
        if (config.servers().isEmpty()) {
            throw new IllegalArgumentException("no servers registered (see `conclave register`)");
        }
        SigningKey key = root.keyFile().load();
        CountDownLatch stop = new CountDownLatch(1);
        ShutdownSignals.onTermOrInt(stop::countDown);
        try (ClientTransport transport = ClientTransport.start();
                UiConsole console = UiConsole.of(transport, key, config.servers());
                UiServer server = UiServer.start(port, console)) {
            console.connect(); // only once the port is ours
            PrintWriter out = spec.commandLine().getOut();
            out.println("conclave ui on " + config.servers().size() + " server(s): " + server.url());
            out.println("Ctrl-C to stop");
            out.flush();
            if (!noOpen) {
                openBrowser(server.url());
            }
            stop.await();
        }
        return 0;
    }

    /** Asks the desktop to open {@code url}; without one, the printed address is the way in. */
    private void openBrowser(String url) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        try {
            new ProcessBuilder(List.of(mac ? "open" : "xdg-open", url))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            spec.commandLine().getErr().println("⚠ could not start a browser (" + e.getMessage() + "); open the address above");
        }
    }
}
