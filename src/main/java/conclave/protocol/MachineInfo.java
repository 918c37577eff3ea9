package conclave.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One of the caller's enrolled machines: its name, public key as base64url text and enrolment
 * time as RFC 3339 text (both kept as the server formatted them).
 */
public record MachineInfo(String name, String pubkey, String addedAt) {
    public MachineInfo {
        requireNonNull(name, "name");
        requireNonNull(pubkey, "pubkey");
        requireNonNull(addedAt, "addedAt");
    }

    /** Leaves the key out: key material never goes to logs. */
    @Override
    public String toString() {
        return "MachineInfo[name=" + name + ", addedAt=" + addedAt + "]";
    }
}
