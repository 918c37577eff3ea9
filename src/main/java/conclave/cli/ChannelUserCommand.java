package conclave.cli;

import conclave.protocol.AdminOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** A verb that is one admin op on one user in one channel, acknowledged with the user's name. */
@Command // lets the @Mixin and @Parameters below be injected; subclasses supply every attribute
abstract class ChannelUserCommand extends ControlCommand {
    @Mixin
    ChannelOption channel;

    @Parameters(paramLabel = "<USER>", description = "The username.")
    String user;

    /** The op this verb sends for {@code user} in {@code channel}. */
    abstract AdminOp op(String channel, String user);

    @Override
    public Integer call() {
        return adminAck(op(channel.name, user), user);
    }
}
