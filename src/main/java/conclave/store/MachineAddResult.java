package conclave.store;

/** Outcome of enrolling another machine under an existing user. */
public enum MachineAddResult {
    ADDED,
    NO_SUCH_USER,
    /** The user already has a machine with that name. */
    NAME_TAKEN,
    /** The key is enrolled already, under this or any other user. */
    KEY_ALREADY_ENROLLED
}
