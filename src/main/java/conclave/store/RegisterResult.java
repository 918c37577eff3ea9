package conclave.store;

/** Outcome of registering a user with their first machine; only {@link #REGISTERED} wrote anything. */
public enum RegisterResult {
    REGISTERED,
    USERNAME_TAKEN,
    KEY_ALREADY_ENROLLED
}
