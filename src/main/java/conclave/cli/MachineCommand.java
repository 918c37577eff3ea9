package conclave.cli;

import conclave.identity.Ed25519PublicKey;
import conclave.identity.MalformedKeyOrSignatureException;
import conclave.protocol.AdminOp;
import conclave.protocol.Bytes;
import conclave.protocol.Frame;
import conclave.protocol.MachineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code conclave machine}: the keys enrolled under your own user. */
@Command(
        name = "machine",
        description = "Manage the machines (keys) enrolled under your own user.",
        subcommands = {
            MachineCommand.AddCommand.class,
            MachineCommand.ListCommand.class,
            MachineCommand.RemoveCommand.class
        })
final class MachineCommand {
    @Command(name = "add", description = "Enroll another machine's public key (as printed by `conclave key` there) under your user.")
    static final class AddCommand extends ControlCommand {
        @Option(names = "--name", required = true, paramLabel = "<NAME>", description = "The new machine's name.")
        String name;

        @Option(names = "--pubkey", required = true, paramLabel = "<B64URL>", description = "Its public key, as `conclave key` prints it.")
        String pubkey;

        @Override
        public Integer call() {
            Ed25519PublicKey key;
            try {
                key = Ed25519PublicKey.parse(pubkey);
            } catch (MalformedKeyOrSignatureException e) {
                throw new IllegalArgumentException("invalid public key: " + e.getMessage(), e);
            }
            return adminAck(new AdminOp.MachineAdd(name, Bytes.of(key.bytes())), name);
        }
    }

    @Command(name = "list", description = "List your own machines.")
    static final class ListCommand extends ControlCommand {
        @Override
        public Integer call() {
            for (MachineInfo machine : exchange(new Frame.ListMachines(), Frame.MachineList.class).machines()) {
                out().println(machine.name() + "\t" + machine.pubkey() + "\t" + machine.addedAt());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Revoke one of your machines and drop its live sessions.")
    static final class RemoveCommand extends ControlCommand {
        @Parameters(paramLabel = "<NAME>", description = "The machine's name.")
        String name;

        @Override
        public Integer call() {
            return adminAck(new AdminOp.MachineRemove(name), name);
        }
    }
}
