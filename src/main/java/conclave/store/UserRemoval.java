package conclave.store;

import java.util.List;

/** What removing a user did: whether the user existed and which of their channels were deleted. */
public record UserRemoval(boolean userExisted, List<String> deletedChannels) {
    public UserRemoval {
        deletedChannels = List.copyOf(deletedChannels);
    }
}
