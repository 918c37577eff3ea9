package conclave.store;

import java.time.Instant;

/** A registered user. */
public record UserRecord(String username, Instant createdAt) {}
