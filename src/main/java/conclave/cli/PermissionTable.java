package conclave.cli;

import conclave.config.ConclaveConfig;
import conclave.config.PermissionOverride;
import java.util.ArrayList;
import java.util.List;

/**
 * The permission table as {@code perm show} (and later {@code status}) prints it: {@code default:
 * <level>}, then {@code <server> <channel or <whisper>> -> <level>} per override in file order.
 */
final class PermissionTable {
    private PermissionTable() {}

    static List<String> lines(ConclaveConfig config) {
        List<String> lines = new ArrayList<>();
        lines.add("default: " + config.defaultPermission().text());
        for (PermissionOverride override : config.overrides()) {
            lines.add(override.server() + " " + override.scope().label() + " -> " + override.level().text());
        }
        return lines;
    }
}
