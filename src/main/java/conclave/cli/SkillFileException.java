package conclave.cli;

/** The skill file cannot be read or written, or differs and may not be replaced; the message names the file. */
final class SkillFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SkillFileException(String message) {
        super(message);
    }
}
