package conclave.server;

import conclave.protocol.BincodeCodec;
import conclave.protocol.ChannelInfo;
import conclave.protocol.DecodeException;
import conclave.protocol.Frame;
import conclave.protocol.HistoryMessage;
import conclave.protocol.InvalidNameException;
import conclave.protocol.MachineInfo;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.protocol.Visibility;
import conclave.store.AppendedMessage;
import conclave.store.ChannelRecord;
import conclave.store.MessageRecord;
import conclave.store.Redemption;
import conclave.store.Rfc3339;
import conclave.store.Store;
import conclave.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of an established session: one reply frame per request. Presence,
 * subscriptions and bans go through the {@link Hub}; durable state through the {@link Store}.
 * One per session, called one request at a time; its only state is the session's {@link MessageGate}.
 */
final class Requests {
    /** A history page stops growing once its encoded messages pass this size. */
    static final int HISTORY_PAGE_MAX_BYTES = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);
    private static final BincodeCodec BINCODE = new BincodeCodec();

    private final ServerContext context;
    private final AdminOps adminOps;
    private final MessageGate gate;
    private final WhisperInbox inbox;

    Requests(ServerContext context, WhisperInbox inbox) {
        this.context = context;
        this.inbox = inbox;
        this.adminOps = new AdminOps(context);
        this.gate = new MessageGate(context.limits(), context.clock(), context.metrics());
    }

    /** Answers one request; store failures become {@code internal error}, bad names {@code malformed frame}. */
    Frame handle(SessionState.Established session, Frame request) {
        try {
            return dispatch(session, request);
        } catch (InvalidNameException invalid) {
            return Replies.malformed(invalid.getMessage());
        } catch (StoreException failure) {
            LOG.error("store failure path={} kind={}", session.path(), request.kind().jsonName(), failure);
            return Replies.internal(failure.getMessage());
        }
    }

    private Frame dispatch(SessionState.Established session, Frame request) {
        switch (request.kind()) {
            case PING:
                return new Frame.Pong();
            case JOIN:
                return join(session, (Frame.Join) request);
            case LEAVE:
                return leave(session, (Frame.Leave) request);
            case WHO:
                return who(session, (Frame.Who) request);
            case LIST_CHANNELS:
                return listChannels(session);
            case LIST_MACHINES:
                return listMachines(session);
            case LIST_USERS:
                return isAdmin(session)
                        ? new Frame.UserList(context.store().listUsernames())
                        : Replies.adminRequired();
            case CHANNEL_MSG:
                return post(session, (Frame.ChannelMsg) request);
            case WHISPER:
                return whisper(session, (Frame.Whisper) request);
            case READ_SINCE:
                return readSince(session, (Frame.ReadSince) request);
            case ADMIN:
                return adminOps.handle(session, ((Frame.Admin) request).op());
            case MARK_READ:
                return session.has(Extensions.INBOX)
                        ? inbox.markRead(session, (Frame.MarkRead) request)
                        : Replies.malformed("mark_read needs the `inbox` extension; negotiate it with capabilities first");
            case CAPABILITIES:
                throw new IllegalStateException("capabilities are negotiated by the session machine");
            case HELLO:
            case CHALLENGE:
            case AUTH:
            case ESTABLISHED:
            case REGISTER:
            case PRESENCE:
            case ERROR:
            case CHANNEL_LIST:
            case JOINED:
            case ACK:
            case INVITE_TOKEN:
            case PONG:
            case SERVER_INFO:
            case MACHINE_LIST:
            case USER_LIST:
            case INVITE_LIST:
            case HISTORY:
            case RECEIPT:
            case INBOX_WHISPER:
                return Replies.malformed("unexpected frame from client");
            default:
                throw new IllegalStateException("unhandled frame kind " + request.kind());
        }
    }

    private boolean isAdmin(SessionState.Established session) {
        return context.admins().isAdmin(session.path().user());
    }

    private Frame join(SessionState.Established session, Frame.Join join) {
        String channel = join.channel();
        String user = session.path().user();
        LOG.debug("join path={} channel={}", session.path(), channel);
        Optional<ChannelRecord> record = context.store().findChannel(channel);
        if (record.isEmpty()) {
            return Replies.channelNotFound(channel);
        }
        if (record.get().visibility() == Visibility.PRIVATE && !context.store().isMember(channel, user)) {
            // Hidden from this user: a ban must not reveal it exists, nor spend an invite use.
            if (join.token().isEmpty() || context.cluster().isBanned(channel, user)) {
                return Replies.channelNotFound(channel);
            }
            Redemption redemption =
                    context.store().redeemInvite(channel, join.token().get(), user, context.clock().now());
            if (!(redemption instanceof Redemption.Redeemed)) {
                return Replies.channelNotFound(channel);
            }
        }
        // The cluster may know of a ban the hub's mirror lacks yet; asking mirrors it for the subscribe.
        if (context.cluster().isBanned(channel, user) || !context.hub().subscribe(session.member(), channel)) {
            return Replies.channelPrivate(channel);
        }
        return new Frame.Joined(channel);
    }

    private Frame leave(SessionState.Established session, Frame.Leave leave) {
        context.hub().unsubscribe(session.member(), leave.channel());
        return Replies.ack(leave.channel());
    }

    private Frame who(SessionState.Established session, Frame.Who who) {
        if (who.channel().isEmpty()) {
            return new Frame.Presence(Optional.empty(), context.cluster().online());
        }
        String channel = who.channel().get();
        Optional<ChannelRecord> record = context.store().findChannel(channel);
        boolean visible = record.isPresent()
                && (record.get().visibility() == Visibility.PUBLIC
                        || context.hub().isSubscribed(session.member(), channel)
                        || isAdmin(session)
                        || context.store().isMember(channel, session.path().user()));
        if (!visible) {
            return Replies.channelNotFound(channel);
        }
        return new Frame.Presence(who.channel(), context.cluster().subscribers(channel));
    }

    private Frame listChannels(SessionState.Established session) {
        String user = session.path().user();
        boolean admin = isAdmin(session);
        List<String> memberships = context.store().listMembershipsOf(user);
        List<ChannelInfo> visible = new ArrayList<>();
        for (ChannelRecord channel : context.store().listChannels()) {
            boolean member = memberships.contains(channel.name());
            if (admin || member || channel.visibility() == Visibility.PUBLIC) {
                visible.add(new ChannelInfo(channel.name(), channel.visibility(), member));
            }
        }
        return new Frame.ChannelList(visible);
    }

    private Frame listMachines(SessionState.Established session) {
        List<MachineInfo> machines = context.store().listMachines(session.path().user()).stream()
                .map(m -> new MachineInfo(m.name(), m.publicKey().text(), Rfc3339.format(m.addedAt())))
                .toList();
        return new Frame.MachineList(machines);
    }

    /** Within the rate and body limits: commits the message to history, pushes it to the other subscribers, then acks. */
    private Frame post(SessionState.Established session, Frame.ChannelMsg post) {
        String channel = post.channel();
        SessionPath from = session.path();
        LOG.debug("post path={} channel={}", from, channel);
        Optional<Frame> refused = gate.refusal(post.payload());
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!context.hub().isSubscribed(session.member(), channel)) {
            return Replies.notMember(channel);
        }
        byte[] blob = BINCODE.encodePayload(post.payload());
        Optional<AppendedMessage> appended =
                context.store().appendLinkedMessage(channel, from.text(), blob, context.clock().millis());
        if (appended.isEmpty()) {
            return Replies.notMember(channel); // deleted while we were subscribed
        }
        context.cluster().posted(channel, from, post.payload(), appended.get());
        return Replies.ack();
    }

    /**
     * Pushes a whisper to the live session at its target. For a session that negotiated
     * {@code inbox}, a target that is not live, or a bare username, goes to {@link WhisperInbox};
     * for any other session it is the original {@code not found}.
     */
    private Frame whisper(SessionState.Established session, Frame.Whisper whisper) {
        Optional<Frame> refused = gate.refusal(whisper.payload());
        if (refused.isPresent()) {
            return refused.get();
        }
        SessionPath target = whisper.target();
        boolean inboxSender = session.has(Extensions.INBOX);
        if (inboxSender && target.isUserOnly()) {
            return inbox.whisperToUser(session.path(), target, whisper.payload());
        }
        if (!context.cluster().whisper(session.path(), target, whisper.payload())) {
            return inboxSender
                    ? inbox.queue(session.path(), target, whisper.payload())
                    : Replies.notFound("session `" + target.text() + "` is not online");
        }
        return Replies.ack();
    }

    private Frame readSince(SessionState.Established session, Frame.ReadSince read) {
        String channel = read.channel();
        LOG.debug("read_since path={} channel={}", session.path(), channel);
        if (!context.hub().isSubscribed(session.member(), channel)) {
            return Replies.notMember(channel);
        }
        long notBefore = context.clock().millis() - Store.RETENTION.toMillis();
        List<MessageRecord> rows =
                context.store().readSince(channel, read.sinceMs(), Store.HISTORY_PAGE_LIMIT, notBefore);
        List<HistoryMessage> page = new ArrayList<>(rows.size());
        long bytes = 0;
        for (MessageRecord row : rows) {
            Optional<SessionPath> from = SessionPath.parse(row.from());
            Optional<Payload> payload = decodePayload(row.payload());
            if (from.isEmpty() || payload.isEmpty()) {
                continue; // unreadable rows are skipped, as the original does
            }
            bytes += row.payload().length + row.from().length() + 16;
            if (!page.isEmpty() && bytes > HISTORY_PAGE_MAX_BYTES) {
                break; // the client pages on from the last ts it got
            }
            page.add(new HistoryMessage(from.get(), row.tsMs(), payload.get()));
        }
        return new Frame.History(channel, page);
    }

    private static Optional<Payload> decodePayload(byte[] blob) {
        try {
            return Optional.of(BINCODE.decodePayload(blob));
        } catch (DecodeException corrupt) {
            return Optional.empty();
        }
    }
}
