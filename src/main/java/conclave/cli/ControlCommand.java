package conclave.cli;

import conclave.client.ControlSession;
import conclave.protocol.AdminOp;
import conclave.protocol.Frame;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A verb that is one request on a one-shot session with the server named by {@code --server}. */
@Command // lets the @Spec and @Option below be injected; subclasses supply every attribute
abstract class ControlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "<URL>", description = "A registered server URL.")
    String server;

    /** Sends {@code request} and returns the reply of the {@code expected} kind. */
    <T extends Frame> T exchange(Frame request, Class<T> expected) {
        return ControlSession.exchange(ServerAccess.control(spec, server), request, expected);
    }

    /** Sends one admin op and returns its reply (never an error frame). */
    Frame admin(AdminOp op) {
        return ControlSession.exchange(ServerAccess.control(spec, server), new Frame.Admin(op));
    }

    /** Sends one admin op and prints {@code ✓ <done>}. */
    Integer adminAck(AdminOp op, String done) {
        admin(op);
        out().println("✓ " + done);
        return 0;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
