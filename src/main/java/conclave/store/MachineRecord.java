package conclave.store;

import conclave.identity.Ed25519PublicKey;
import java.time.Instant;

/** A machine enrolled under a user: its name and the public key it authenticates with. */
public record MachineRecord(String username, String name, Ed25519PublicKey publicKey, Instant addedAt) {}
