package conclave.bridge;

import conclave.config.PermissionLevel;
import conclave.protocol.Frame;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The messages a server pushes for the model: channel messages and whispers, live or from the
 * inbox. Each is counted by the {@link LoopGuard}, let through by its autonomy level (a muted one
 * goes nowhere) and handed to the {@link InjectionSink}; a delivered channel message raises the
 * {@link Watermarks}, and a delivered inbox whisper is marked read. Not thread-safe: the
 * dispatcher's thread only.
 */
final class InboundDelivery {
    private final LoopGuard guard;
    private final LiveLevels levels;
    private final Watermarks watermarks;
    private final CallTable calls;
    private final InstantSource clock;
    private final InjectionSink sink;

    InboundDelivery(LoopGuard guard, LiveLevels levels, Watermarks watermarks, CallTable calls, InstantSource clock,
            InjectionSink sink) {
        this.guard = guard;
        this.levels = levels;
        this.watermarks = watermarks;
        this.calls = calls;
        this.clock = clock;
        this.sink = sink;
    }

    void channelMessage(String server, Frame.ChannelMsg message) {
        // Counted before the policy: a human's word resets the guard even in a muted channel.
        int turn = guard.inbound(LoopGuard.Scope.channel(server, message.channel()), message.from(), clock.millis());
        PermissionLevel level = levels.channel(server, message.channel());
        if (level == PermissionLevel.MUTE) {
            return; // SPEC §6.19: muted traffic does not advance the watermark
        }
        watermarks.delivered(server, message.channel(), clock.millis());
        sink.deliver(new Injection(server, Optional.of(message.channel()), message.from().text(), level,
                ReplyText.body(message.payload()), turn));
    }

    void whisper(String server, Frame.Whisper whisper) {
        int turn = guard.inbound(LoopGuard.Scope.whisper(server, whisper.from().text()), whisper.from(),
                clock.millis());
        PermissionLevel level = levels.whisper(server);
        if (level != PermissionLevel.MUTE) {
            sink.deliver(new Injection(server, Optional.empty(), whisper.from().text(), level,
                    ReplyText.body(whisper.payload()), turn));
        }
    }

    /**
     * A whisper that waited in the inbox: injected like a live one but with the time it was sent,
     * then marked read, which sends its sender a read receipt. A muted one is not shown, so it is
     * not marked read either.
     */
    void inboxWhisper(String server, Frame.InboxWhisper whisper) {
        PermissionLevel level = levels.whisper(server);
        if (level == PermissionLevel.MUTE) {
            return;
        }
        sink.deliver(new Injection(server, Optional.empty(), whisper.from().text(), level,
                ReplyText.body(whisper.payload()), 0, Optional.of(Instant.ofEpochMilli(whisper.tsMs()))));
        calls.open(server, null, new Frame.MarkRead(whisper.messageId()), null, null, true);
    }
}
