package conclave.cli;

import conclave.config.AtomicFile;
import conclave.config.XdgDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The installed skill, {@code <skills-dir>/conclave/SKILL.md}, where Claude Code finds it as
 * {@code /conclave}. An install never silently replaces a file that differs from what it would
 * write; it is written atomically, readable by everyone. Immutable.
 */
final class SkillFile {
    /** What an install did. */
    enum Outcome {
        CREATED,
        REPLACED,
        UNCHANGED;

        /** The line {@code skill install} prints for this outcome. */
        String describe(Path path) {
            return switch (this) {
                case CREATED -> "✓ installed the conclave skill to " + path;
                case REPLACED -> "✓ installed the conclave skill to " + path + " (replaced a different version)";
                case UNCHANGED -> "✓ the conclave skill at " + path + " is already up to date";
            };
        }
    }

    private final Path path;

    SkillFile(Path skillsDir) {
        this.path = skillsDir.resolve("conclave").resolve("SKILL.md");
    }

    /** {@code ~/.claude/skills}, the personal skills directory of Claude Code. */
    static Path defaultSkillsDir() {
        return XdgDirs.current().home().resolve(".claude").resolve("skills");
    }

    Path path() {
        return path;
    }

    /**
     * Writes {@code content} unless the file already holds exactly that.
     *
     * @throws SkillFileException if the file exists with other content and {@code force} is off,
     *     or cannot be read or written; the message names the file
     */
    Outcome install(String content, boolean force) {
        byte[] wanted = content.getBytes(StandardCharsets.UTF_8);
        byte[] existing = existing();
        if (existing != null && Arrays.equals(existing, wanted)) {
            return Outcome.UNCHANGED;
        }
        if (existing != null && !force) {
            throw new SkillFileException(
                    "`" + path + "` exists and differs from the skill this version installs; pass --force to replace it");
        }
        try {
            AtomicFile.write(path, wanted, AtomicFile.WORLD_READABLE);
        } catch (IOException e) {
            throw new SkillFileException("failed to write `" + path + "`: " + AtomicFile.reason(e));
        }
        return existing == null ? Outcome.CREATED : Outcome.REPLACED;
    }

    /** The current content, or null if there is no file. */
    private byte[] existing() {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException e) {
            throw new SkillFileException("failed to read `" + path + "`: " + AtomicFile.reason(e));
        }
    }
}
