package conclave.cli;

import conclave.config.JacksonTrees;
import conclave.identity.SigningKey;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Work the bridge's start needs anyway (logging, the JDK's security providers and Ed25519 code,
 * Jackson's parser and trees), begun on a second core while the main thread parses the command
 * line: Claude Code waits for the bridge's first answer. Nothing it does is kept or can fail the
 * start. (A logger asked for while logging still starts is a stand-in that SLF4J connects
 * afterwards.)
 */
final class BridgeWarmup {
    private BridgeWarmup() {}

    /** Starts the warm-up on a daemon thread. */
    static void start() {
        Thread thread = new Thread(BridgeWarmup::run, "bridge-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            LoggerFactory.getILoggerFactory();
            SigningKey.fromSeed(new byte[SigningKey.SEED_LENGTH]);
            try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), "{\"warm\":[1,\"up\"]}")) {
                JacksonTrees.read(parser);
            }
        } catch (RuntimeException ignored) {
            // the real start does the same work again and reports any failure there
        }
    }
}
