package conclave.store;

import conclave.protocol.Visibility;
import java.time.Instant;

/** A channel; {@code createdBy} keeps channel-admin rights even if removed from the members. */
public record ChannelRecord(String name, Visibility visibility, String createdBy, Instant createdAt) {}
