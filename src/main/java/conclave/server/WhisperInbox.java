package conclave.server;

import conclave.protocol.BincodeCodec;
import conclave.protocol.DecodeException;
import conclave.protocol.Frame;
import conclave.protocol.InvalidNameException;
import conclave.protocol.NameKind;
import conclave.protocol.Names;
import conclave.protocol.Payload;
import conclave.protocol.ReceiptState;
import conclave.protocol.SessionPath;
import conclave.store.InboxWhisperRecord;
import conclave.store.Store;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the {@code inbox} extension (PROTOCOL.md, "Extensions"): queues an inbox
 * sender's whisper that no live session of this instance can take, hands queued whispers to the
 * recipient's next inbox session (or, through the {@link Cluster}, to one live on another
 * instance at once), and pushes receipts to senders that are live inbox sessions on any instance
 * (a receipt for an offline sender is dropped; the whisper itself is not).
 *
 * <p>Only sessions that negotiated {@code inbox} ever receive {@code inbox_whisper} or
 * {@code receipt}: every push here goes to a member the hub lists as an inbox session. Stateless
 * beyond the shared context and thread-safe; its store calls block, so it runs on session
 * executors or the cluster bus's thread, never on an event loop.
 */
final class WhisperInbox {
    /** The first word of the {@code ack} detail of a queued whisper; the message id follows. */
    static final String QUEUED = "queued";

    private static final Logger LOG = LoggerFactory.getLogger(WhisperInbox.class);
    private static final BincodeCodec BINCODE = new BincodeCodec();

    private final ServerContext context;

    WhisperInbox(ServerContext context) {
        this.context = context;
    }

    /**
     * Answers an inbox sender's whisper to a bare username: pushed to every live inbox session of
     * that user but the sender's own, or queued when there is none.
     */
    Frame whisperToUser(SessionPath sender, SessionPath target, Payload payload) {
        List<Member> live = context.hub().inboxSessionsOf(target.user()).stream()
                .filter(member -> !member.path().equals(sender))
                .toList();
        if (live.isEmpty()) {
            return queue(sender, target, payload);
        }
        SharedFrame whisper = new SharedFrame(new Frame.Whisper(sender, target, payload));
        live.forEach(member -> context.hub().push(member, whisper));
        return Replies.ack();
    }

    /**
     * Queues an inbox sender's whisper for {@code target}, a path no session is live at or a bare
     * username without a live inbox session. The target must name a registered user (and, for a
     * path, one of their machines and a valid session handle), so typos do not fill the store.
     *
     * @return {@code ack("queued <id>")}, {@code not found} for a target that cannot exist, or
     *     {@code unauthorized} when the recipient's inbox is full
     */
    Frame queue(SessionPath sender, SessionPath target, Payload payload) {
        Optional<Frame> unknown = unaddressable(target);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        String user = target.user();
        OptionalLong id = context.store().queueInboxWhisper(target.address(), user, sender.text(),
                BINCODE.encodePayload(payload), context.clock().millis(), Store.INBOX_CAP);
        if (id.isEmpty()) {
            return Replies.unauthorized("inbox full: `" + user + "` has " + Store.INBOX_CAP
                    + " queued whispers, the most this server allows; retry once some are delivered");
        }
        LOG.debug("whisper queued id={} from={} for={}", id.getAsLong(), sender, target.address());
        // A recipient that negotiated between our look-up and the insert has claimed its inbox
        // already; hand this one over now rather than at its next connection.
        context.hub().inboxTaker(target, sender).ifPresent(this::deliverPending);
        context.cluster().inboxQueued(target, sender);
        return Replies.ack(QUEUED + " " + id.getAsLong());
    }

    /**
     * Hands {@code member} the whispers queued for its path or its bare username (at most
     * {@link Store#INBOX_CLAIM_LIMIT}, the rest at its next connection), oldest first, and pushes
     * a {@code delivered} receipt for each to its sender if that is a live inbox session.
     */
    void deliverPending(Member member) {
        SessionPath path = member.path();
        long now = context.clock().millis();
        List<InboxWhisperRecord> claimed = context.store()
                .claimInboxWhispers(path.text(), path.user(), now, now - Store.RETENTION.toMillis());
        for (InboxWhisperRecord record : claimed) {
            Optional<SessionPath> from = SessionPath.parse(record.senderPath());
            Optional<Payload> payload = decodePayload(record.payload());
            if (from.isEmpty() || payload.isEmpty()) {
                LOG.warn("skipped an unreadable inbox whisper id={}", record.id());
                continue;
            }
            SessionPath target = SessionPath.parse(record.recipient())
                    .orElseGet(() -> SessionPath.ofUser(record.recipient()));
            context.hub().push(member, new SharedFrame(
                    new Frame.InboxWhisper(record.id(), from.get(), target, record.queuedAtMs(), payload.get())));
            receipt(from.get(), record.id(), ReceiptState.DELIVERED);
        }
        if (!claimed.isEmpty()) {
            LOG.debug("inbox delivered path={} whispers={}", path, claimed.size());
        }
    }

    /** Answers {@code mark_read}: the whisper must have been delivered to one of this user's sessions. */
    Frame markRead(SessionState.Established session, Frame.MarkRead read) {
        Optional<String> sender = context.store().markInboxWhisperRead(read.messageId(), session.path().user());
        if (sender.isEmpty()) {
            return Replies.notFound("whisper `" + Long.toUnsignedString(read.messageId())
                    + "` was not delivered to `" + session.path().user() + "`");
        }
        SessionPath.parse(sender.get()).ifPresent(from -> receipt(from, read.messageId(), ReceiptState.READ));
        return Replies.ack();
    }

    private void receipt(SessionPath sender, long messageId, ReceiptState state) {
        context.cluster().receipt(sender, new Frame.Receipt(messageId, state));
    }

    /** Why {@code target} can never have a session, or empty if it can. */
    private Optional<Frame> unaddressable(SessionPath target) {
        String user = target.user();
        if (context.store().findUser(user).isEmpty()) {
            return Optional.of(Replies.notFound("no user `" + user + "` to queue a whisper for"));
        }
        if (target.isUserOnly()) {
            return Optional.empty();
        }
        boolean machine = context.store().listMachines(user).stream()
                .anyMatch(record -> record.name().equals(target.machine()));
        if (!machine) {
            return Optional.of(Replies.notFound(
                    "no machine `" + user + "/" + target.machine() + "` to queue a whisper for"));
        }
        try {
            Names.check(NameKind.SESSION_HANDLE, target.session());
        } catch (InvalidNameException invalid) {
            return Optional.of(Replies.malformed(invalid.getMessage()));
        }
        return Optional.empty();
    }

    private static Optional<Payload> decodePayload(byte[] blob) {
        try {
            return Optional.of(BINCODE.decodePayload(blob));
        } catch (DecodeException corrupt) {
            return Optional.empty();
        }
    }
}
