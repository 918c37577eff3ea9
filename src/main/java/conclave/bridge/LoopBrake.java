package conclave.bridge;

import conclave.config.PermissionLevel;
import conclave.config.PermissionScope;
import java.time.InstantSource;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the {@link LoopGuard} does to an acked message of this session: the tool result tells the
 * agent its turn in a conversation with an agent, and a trip drops the scope to {@code notify}
 * in the {@link LiveLevels} until an explicit {@code set_perm}, with a notice saying so. Not
 * thread-safe: the dispatcher's thread only.
 */
final class LoopBrake {
    /** The tool result of an acked message, and the notice of a trip to follow it. */
    record Braked(ToolOutcome outcome, Optional<ObjectNode> notice) {}

    private final LoopGuard guard;
    private final LiveLevels levels;
    private final InstantSource clock;

    LoopBrake(LoopGuard guard, LiveLevels levels, InstantSource clock) {
        this.guard = guard;
        this.levels = levels;
        this.clock = clock;
    }

    /** Counts {@code call}'s acked message if the guard counts its kind; {@code outcome} is its result so far. */
    Braked acked(Call call, ToolOutcome outcome) {
        Optional<LoopGuard.Scope> scope = LoopGuard.scopeOf(call.server(), call.request());
        if (scope.isEmpty()) {
            return new Braked(outcome, Optional.empty());
        }
        LoopGuard.Emitted emitted = guard.emitted(scope.get(), call.startedMillis(), clock.millis());
        String text = outcome.text();
        if (emitted.turn() > 0) {
            text += " (turn " + emitted.turn() + " of a conversation with an agent)";
        }
        Optional<ObjectNode> notice = Optional.empty();
        if (emitted.tripped()) {
            text += "; loop guard: " + emitted.count() + " messages without a human, this scope is now at `notify`";
            notice = downgrade(scope.get(), emitted.count());
        }
        return new Braked(ToolOutcome.ok(text), notice);
    }

    /** Drops {@code scope} to {@code notify}; empty if it is below converse already. */
    private Optional<ObjectNode> downgrade(LoopGuard.Scope scope, int count) {
        String server = scope.server();
        long window = guard.settings().windowSecs();
        if (scope.channel().isPresent()) {
            String channel = scope.channel().get();
            PermissionLevel was = levels.channel(server, channel);
            if (!was.mayEmit()) {
                return Optional.empty(); // lowered while the message was in flight
            }
            levels.set(server, PermissionScope.channel(channel), PermissionLevel.NOTIFY);
            return Optional.of(Notices.loopGuard(server, "#" + channel, count + " messages to #" + channel, window,
                    "{channel: " + channel + ", level: " + was.text() + "}"));
        } else {
            PermissionLevel was = levels.whisper(server);
            if (!was.mayEmit()) {
                return Optional.empty();
            }
            levels.set(server, PermissionScope.whisper(), PermissionLevel.NOTIFY);
            return Optional.of(Notices.loopGuard(server, "whispers", count + " whispers to " + scope.peer().orElseThrow(),
                    window, "{whisper: true, level: " + was.text() + "}"));
        }
    }
}
