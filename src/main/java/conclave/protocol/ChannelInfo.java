package conclave.protocol;

import static java.util.Objects.requireNonNull;

/** One row of a channel listing: the name, its visibility and whether the caller is a member. */
public record ChannelInfo(String name, Visibility visibility, boolean member) {
    public ChannelInfo {
        requireNonNull(name, "name");
        requireNonNull(visibility, "visibility");
    }
}
