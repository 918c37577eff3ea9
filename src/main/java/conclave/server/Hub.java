package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.SessionPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is online, who is subscribed to what, and which users are banned where; pushes channel
 * messages and whispers to live sessions.
 *
 * <p>Design note. Presence is keyed by full path: a second connection for a path supersedes the
 * first ({@link #attach} returns the loser, the caller kills it). Detach is identity-guarded, so
 * the loser's teardown never evicts its replacement. Subscriptions are in memory only. The ban
 * mirror lives here, beside subscriptions, because the reference requires the ban check and the
 * subscription insert to be atomic: a ban that lands while a join is in progress always wins.
 *
 * <p>Concurrency: every field is guarded by {@code lock}. No lock is held while a frame is
 * offered to a member or a member is killed: recipients are snapshotted under the lock and served
 * outside it, so a slow or dying session never blocks the hub. A fan-out hands its recipients
 * to their event loops in one {@link FanOutBatch}: one task per event loop, not per recipient;
 * each loop checks its sessions' bounds as it writes. Durable writes (bans, ACLs) go
 * to the store first, then here.
 *
 * <p>Every change to who is online or subscribed where is told, under the lock and so in the
 * order it happened, to the {@link HubJournal} (the cluster bus's presence feed; nothing when the
 * server runs alone).
 */
final class Hub {
    private static final Comparator<SessionPath> BY_TEXT = Comparator.comparing(SessionPath::text);

    private final Object lock = new Object();
    /** Guarded by lock. */
    private final Map<SessionPath, Member> presence = new HashMap<>();
    /** Guarded by lock; channel name → its live subscribers. */
    private final Map<String, Set<Member>> subscribers = new HashMap<>();
    /** Guarded by lock; member → the channels it is subscribed to. */
    private final Map<Member, Set<String>> subscriptions = new HashMap<>();
    /** Guarded by lock. */
    private final Set<ChannelUser> bans = new HashSet<>();
    /** Guarded by lock; the live members that negotiated the {@code inbox} extension. */
    private final Set<Member> inboxMembers = new HashSet<>();
    private final LoopFlushers flushers = new LoopFlushers();
    private final ServerMetrics metrics;
    private final HubJournal journal;

    /** A (channel, username) pair: the key of a ban. */
    record ChannelUser(String channel, String user) {}

    Hub(Collection<ChannelUser> durableBans, ServerMetrics metrics) {
        this(durableBans, metrics, HubJournal.NONE);
    }

    Hub(Collection<ChannelUser> durableBans, ServerMetrics metrics, HubJournal journal) {
        this.metrics = metrics;
        this.journal = journal;
        bans.addAll(durableBans);
    }

    /**
     * Publishes {@code member} under its path.
     *
     * @return the session it superseded, which the caller must kill
     */
    Optional<Member> attach(Member member) {
        synchronized (lock) {
            Member previous = presence.put(member.path(), member);
            if (previous != null) {
                forgetSubscriptions(previous);
                inboxMembers.remove(previous);
            }
            journal.attached(member.path());
            return Optional.ofNullable(previous);
        }
    }

    /** Removes {@code member} and its subscriptions, unless its path already belongs to another. */
    void detach(Member member) {
        synchronized (lock) {
            if (presence.remove(member.path(), member)) {
                journal.detached(member.path());
            }
            forgetSubscriptions(member);
            inboxMembers.remove(member);
        }
    }

    /**
     * Records that {@code member} negotiated the {@code inbox} extension.
     *
     * @return false if it is superseded or gone (nothing changed)
     */
    boolean enableInbox(Member member) {
        synchronized (lock) {
            if (presence.get(member.path()) != member) {
                return false;
            }
            inboxMembers.add(member);
            return true;
        }
    }

    /** The live session at {@code path}, if it negotiated the {@code inbox} extension. */
    Optional<Member> findInbox(SessionPath path) {
        synchronized (lock) {
            Member member = presence.get(path);
            return member != null && inboxMembers.contains(member) ? Optional.of(member) : Optional.empty();
        }
    }

    /** Every live session of {@code user} that negotiated the {@code inbox} extension. */
    List<Member> inboxSessionsOf(String user) {
        synchronized (lock) {
            return inboxMembers.stream().filter(m -> m.path().user().equals(user)).toList();
        }
    }

    /**
     * The inbox session here that takes the whispers queued for {@code recipient} by
     * {@code sender}: the session at that path, or for a bare username one of the user's sessions
     * other than the sender's own.
     */
    Optional<Member> inboxTaker(SessionPath recipient, SessionPath sender) {
        if (!recipient.isUserOnly()) {
            return findInbox(recipient);
        }
        return inboxSessionsOf(recipient.user()).stream().filter(m -> !m.path().equals(sender)).findFirst();
    }

    /** Pushes {@code frame} to the inbox session at {@code path}; false if there is none here. */
    boolean pushToInbox(SessionPath path, Frame frame) {
        Optional<Member> live = findInbox(path);
        live.ifPresent(member -> push(member, new SharedFrame(frame)));
        return live.isPresent();
    }

    Optional<Member> find(SessionPath path) {
        synchronized (lock) {
            return Optional.ofNullable(presence.get(path));
        }
    }

    /** Every live path on the server, sorted. */
    List<SessionPath> online() {
        synchronized (lock) {
            return sorted(presence.keySet());
        }
    }

    int onlineCount() {
        synchronized (lock) {
            return presence.size();
        }
    }

    /** Every live session with the channels it is subscribed to, told to the journal in the same step. */
    void reportSnapshot() {
        synchronized (lock) {
            Map<SessionPath, Set<String>> sessions = new HashMap<>();
            for (SessionPath path : presence.keySet()) {
                sessions.put(path, Set.copyOf(subscriptions.getOrDefault(presence.get(path), Set.of())));
            }
            journal.snapshot(sessions);
        }
    }

    /** Every live session of {@code user}. */
    List<Member> sessionsOf(String user) {
        synchronized (lock) {
            return presence.values().stream().filter(m -> m.path().user().equals(user)).toList();
        }
    }

    /** Every live session on {@code user}'s machine {@code machine}. */
    List<Member> sessionsOf(String user, String machine) {
        synchronized (lock) {
            return presence.values().stream()
                    .filter(m -> m.path().user().equals(user) && m.path().machine().equals(machine))
                    .toList();
        }
    }

    /** Every member whose last inbound frame is older than {@code cutoffNanos}. */
    List<Member> silentSince(long cutoffNanos) {
        synchronized (lock) {
            return presence.values().stream()
                    .filter(m -> m.lastSeenNanos() - cutoffNanos <= 0)
                    .toList();
        }
    }

    /**
     * Subscribes {@code member} to {@code channel} unless its user is banned there; the ban check
     * and the insert are one atomic step. Idempotent.
     *
     * @return false if the user is banned (nothing changed)
     */
    boolean subscribe(Member member, String channel) {
        synchronized (lock) {
            if (bans.contains(new ChannelUser(channel, member.path().user()))) {
                return false;
            }
            if (presence.get(member.path()) != member) {
                return true; // superseded or gone: its subscriptions are moot
            }
            if (subscribers.computeIfAbsent(channel, c -> new LinkedHashSet<>()).add(member)) {
                journal.subscribed(member.path(), channel);
            }
            subscriptions.computeIfAbsent(member, m -> new HashSet<>()).add(channel);
            return true;
        }
    }

    void unsubscribe(Member member, String channel) {
        synchronized (lock) {
            removeSubscription(member, channel);
        }
    }

    boolean isSubscribed(Member member, String channel) {
        synchronized (lock) {
            return subscriptions.getOrDefault(member, Set.of()).contains(channel);
        }
    }

    /** The live subscribers of {@code channel}, sorted. */
    List<SessionPath> subscribers(String channel) {
        synchronized (lock) {
            return sorted(subscribers.getOrDefault(channel, Set.of()).stream().map(Member::path).toList());
        }
    }

    /** Unsubscribes every live session of {@code user} from {@code channel}, silently. */
    void unsubscribeUser(String channel, String user) {
        synchronized (lock) {
            for (Member member : List.copyOf(subscribers.getOrDefault(channel, Set.of()))) {
                if (member.path().user().equals(user)) {
                    removeSubscription(member, channel);
                }
            }
        }
    }

    /** Unsubscribes the one session at {@code path} from {@code channel}, if present. */
    void unsubscribePath(String channel, SessionPath path) {
        synchronized (lock) {
            Member member = presence.get(path);
            if (member != null) {
                removeSubscription(member, channel);
            }
        }
    }

    /** Mirrors a durable ban and unsubscribes the user's live sessions from the channel. */
    void ban(String channel, String user) {
        synchronized (lock) {
            bans.add(new ChannelUser(channel, user));
            unsubscribeUser(channel, user);
        }
    }

    void unban(String channel, String user) {
        synchronized (lock) {
            bans.remove(new ChannelUser(channel, user));
        }
    }

    boolean isBanned(String channel, String user) {
        synchronized (lock) {
            return bans.contains(new ChannelUser(channel, user));
        }
    }

    /** Moves subscribers and bans of a renamed channel to its new name. */
    void renameChannel(String from, String to) {
        synchronized (lock) {
            Set<Member> moved = subscribers.remove(from);
            if (moved != null) {
                subscribers.computeIfAbsent(to, c -> new LinkedHashSet<>()).addAll(moved);
                for (Member member : moved) {
                    Set<String> channels = subscriptions.get(member);
                    channels.remove(from);
                    channels.add(to);
                    journal.unsubscribed(member.path(), from);
                    journal.subscribed(member.path(), to);
                }
            }
            for (ChannelUser ban : List.copyOf(bans)) {
                if (ban.channel().equals(from)) {
                    bans.remove(ban);
                    bans.add(new ChannelUser(to, ban.user()));
                }
            }
        }
    }

    /** Forgets a deleted channel: its subscriptions and its ban mirror. */
    void dropChannel(String name) {
        synchronized (lock) {
            Set<Member> gone = subscribers.remove(name);
            if (gone != null) {
                for (Member member : gone) {
                    subscriptions.get(member).remove(name);
                    journal.unsubscribed(member.path(), name);
                }
            }
            bans.removeIf(ban -> ban.channel().equals(name));
        }
    }

    /**
     * Pushes {@code frame} to every subscriber of {@code channel} except the exact path
     * {@code sender}; a recipient that cannot take it is killed as a slow consumer.
     */
    void fanOut(String channel, SessionPath sender, Frame frame) {
        List<Member> recipients;
        synchronized (lock) {
            Set<Member> subscribed = subscribers.get(channel);
            if (subscribed == null) {
                return;
            }
            recipients = new ArrayList<>(subscribed.size());
            for (Member member : subscribed) {
                if (!member.path().equals(sender)) {
                    recipients.add(member);
                }
            }
        }
        SharedFrame shared = new SharedFrame(frame);
        FanOutBatch batch = new FanOutBatch(shared, flushers);
        long queued = 0;
        for (Member recipient : recipients) {
            if (taken(recipient, recipient.offer(shared, batch))) {
                queued++;
            }
        }
        batch.submit();
        metrics.delivered(queued);
    }

    /** Pushes one frame to one member; a full queue kills it as a slow consumer. */
    void push(Member recipient, SharedFrame frame) {
        if (taken(recipient, recipient.offer(frame))) {
            metrics.delivered(1);
        }
    }

    /** Passes {@code accepted} through, killing {@code recipient} as a slow consumer when it is false. */
    private static boolean taken(Member recipient, boolean accepted) {
        if (!accepted) {
            recipient.kill(ForceDrop.SLOW_CONSUMER);
        }
        return accepted;
    }

    /** Guarded by lock. */
    private void removeSubscription(Member member, String channel) {
        Set<Member> subscribed = subscribers.get(channel);
        if (subscribed != null) {
            if (subscribed.remove(member)) {
                journal.unsubscribed(member.path(), channel);
            }
            if (subscribed.isEmpty()) {
                subscribers.remove(channel);
            }
        }
        Set<String> channels = subscriptions.get(member);
        if (channels != null) {
            channels.remove(channel);
        }
    }

    /** Guarded by lock. */
    private void forgetSubscriptions(Member member) {
        Set<String> channels = subscriptions.remove(member);
        if (channels == null) {
            return;
        }
        for (String channel : channels) {
            Set<Member> subscribed = subscribers.get(channel);
            if (subscribed != null) {
                subscribed.remove(member);
                if (subscribed.isEmpty()) {
                    subscribers.remove(channel);
                }
            }
        }
    }

    private static List<SessionPath> sorted(Collection<SessionPath> paths) {
        List<SessionPath> list = new ArrayList<>(paths);
        list.sort(BY_TEXT);
        return list;
    }
}
