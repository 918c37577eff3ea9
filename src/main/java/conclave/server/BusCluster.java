package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.server.cluster.ClusterBus;
import conclave.store.AppendedMessage;
import conclave.store.Store;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of a conclave that spans several, joined to the others by a {@link ClusterBus}.
 *
 * <p>Design note. Each instance owns its sessions: its {@link Hub} is the truth about them, and
 * every change the hub makes is told to the others ({@link PresenceFeed}) in the order it was
 * made, plus a full snapshot with every heartbeat, which repairs anything the bus lost. What an
 * instance knows of the others is {@link RemotePresence}; an instance silent for the silence limit
 * is forgotten with its sessions. Channel messages go to the local subscribers and on the bus;
 * every instance delivers a channel's messages through a {@link ChannelSequencer}, so they arrive
 * in {@code ts_ms} order wherever they were posted. Moderation is applied to the local hub and
 * sent on; each instance applies it to its own sessions. Durable state is the shared store's,
 * written before any of this by the request that caused it.
 *
 * <p>Threads: requests call in from the request executor; bus events arrive on the bus's thread;
 * heartbeats, the silence sweep and the gap expiry run on this cluster's timer. Thread-safe;
 * nothing here blocks on the network (the {@link ClusterOutbox} sends).
 */
final class BusCluster implements Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(BusCluster.class);
    private static final Comparator<SessionPath> BY_TEXT = Comparator.comparing(SessionPath::text);
    private static final long GAP_SWEEP_MILLIS = 100;

    private final String instance;
    private final ClusterBus bus;
    private final ClusterOutbox outbox;
    private final PresenceFeed feed;
    private final Hub hub;
    private final Store store;
    private final ServerClock clock;
    private final ClusterTimings timings;
    private final RemotePresence remote = new RemotePresence();
    private final ChannelSequencer sequencer;
    private final ClusterCodec codec = new ClusterCodec();
    /** Set once by the server before sessions connect; read on the bus thread. */
    private volatile Consumer<Member> inboxHandover = member -> { };
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("conclave-cluster-timer", true));

    private BusCluster(String instance, ClusterBus bus, Store store, Collection<Hub.ChannelUser> bans,
            ServerMetrics metrics, ServerClock clock, ClusterTimings timings) {
        this.instance = instance;
        this.bus = bus;
        this.store = store;
        this.clock = clock;
        this.timings = timings;
        this.outbox = new ClusterOutbox(bus, instance);
        this.feed = new PresenceFeed(outbox, clock);
        this.hub = new Hub(bans, metrics, feed);
        this.sequencer = new ChannelSequencer(timings.gapWait().toNanos(),
                posted -> hub.fanOut(posted.channel(), posted.from(),
                        new Frame.ChannelMsg(posted.channel(), posted.from(), posted.payload())));
    }

    /**
     * Joins the conclave on {@code bus} as {@code instance}: opens the bus, says hello with a
     * first heartbeat and starts the timers.
     *
     * @throws conclave.server.cluster.ClusterBusException if the bus cannot be reached
     */
    static BusCluster join(String instance, ClusterBus bus, Store store, Collection<Hub.ChannelUser> bans,
            ServerMetrics metrics, ServerClock clock, ClusterTimings timings) {
        BusCluster cluster = new BusCluster(instance, bus, store, bans, metrics, clock, timings);
        bus.open(cluster::receive);
        cluster.outbox.start();
        long beat = timings.heartbeatEvery().toMillis();
        cluster.timer.scheduleAtFixedRate(cluster::beat, 0, beat, TimeUnit.MILLISECONDS);
        cluster.timer.scheduleAtFixedRate(
                () -> cluster.sequencer.expireGaps(clock.nanos()), GAP_SWEEP_MILLIS, GAP_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        return cluster;
    }

    /** The hub of this instance's own sessions. */
    Hub hub() {
        return hub;
    }

    @Override
    public void posted(String channel, SessionPath from, Payload payload, AppendedMessage appended) {
        ClusterEvent.Posted posted =
                new ClusterEvent.Posted(channel, appended.previousTsMs(), appended.tsMs(), from, payload);
        outbox.offer(posted);
        sequencer.accept(posted, clock.nanos());
    }

    @Override
    public boolean whisper(SessionPath from, SessionPath target, Payload payload) {
        Optional<Member> local = hub.find(target);
        if (local.isPresent()) {
            hub.push(local.get(), new SharedFrame(new Frame.Whisper(from, target, payload)));
            return true;
        }
        Optional<String> elsewhere = remote.instanceOf(target);
        elsewhere.ifPresent(node -> outbox.offer(new ClusterEvent.Whispered(node, from, target, payload)));
        return elsewhere.isPresent();
    }

    @Override
    public void inboxQueued(SessionPath recipient, SessionPath sender) {
        outbox.offer(new ClusterEvent.InboxQueued(recipient, sender));
    }

    @Override
    public void receipt(SessionPath sender, Frame.Receipt receipt) {
        if (hub.pushToInbox(sender, receipt)) {
            return;
        }
        remote.instanceOf(sender).ifPresent(node -> outbox.offer(
                new ClusterEvent.Receipted(node, sender, receipt.messageId(), receipt.state())));
    }

    @Override
    public void handInboxesWith(Consumer<Member> handover) {
        this.inboxHandover = handover;
    }

    @Override
    public List<SessionPath> online() {
        return merged(hub.online(), remote.online());
    }

    @Override
    public List<SessionPath> subscribers(String channel) {
        return merged(hub.subscribers(channel), remote.subscribers(channel));
    }

    @Override
    public boolean isBanned(String channel, String user) {
        if (hub.isBanned(channel, user)) {
            return true;
        }
        if (store.isBanned(channel, user)) {
            hub.ban(channel, user); // another instance's ban whose event has not arrived yet
            return true;
        }
        return false;
    }

    @Override
    public void ban(String channel, String user) {
        hub.ban(channel, user);
        outbox.offer(new ClusterEvent.Banned(channel, user));
    }

    @Override
    public void unban(String channel, String user) {
        hub.unban(channel, user);
        outbox.offer(new ClusterEvent.Unbanned(channel, user));
    }

    @Override
    public void unsubscribeUser(String channel, String user) {
        hub.unsubscribeUser(channel, user);
        outbox.offer(new ClusterEvent.UserUnsubscribed(channel, user));
    }

    @Override
    public void unsubscribePath(String channel, SessionPath path) {
        hub.unsubscribePath(channel, path);
        outbox.offer(new ClusterEvent.PathUnsubscribed(channel, path));
    }

    @Override
    public void renameChannel(String from, String to) {
        hub.renameChannel(from, to);
        sequencer.forget(from);
        outbox.offer(new ClusterEvent.ChannelRenamed(from, to));
    }

    @Override
    public void dropChannel(String channel) {
        hub.dropChannel(channel);
        sequencer.forget(channel);
        outbox.offer(new ClusterEvent.ChannelDropped(channel));
    }

    @Override
    public void dropUser(String user, String reason) {
        hub.sessionsOf(user).forEach(member -> member.kill(reason));
        outbox.offer(new ClusterEvent.UserDropped(user, reason));
    }

    @Override
    public void dropMachine(String user, String machine, String reason) {
        hub.sessionsOf(user, machine).forEach(member -> member.kill(reason));
        outbox.offer(new ClusterEvent.MachineDropped(user, machine, reason));
    }

    /** Leaves politely: the others forget this instance's sessions at once. */
    @Override
    public void close() {
        timer.shutdownNow();
        outbox.offer(new ClusterEvent.Leaving());
        outbox.drain(1_000);
        bus.close();
    }

    /** Leaves as a crash would: no goodbye; the others notice the silence. */
    void halt() {
        timer.shutdownNow();
        outbox.close();
        bus.close();
    }

    private void beat() {
        try {
            hub.reportSnapshot();
            List<String> silent = remote.forgetSilentSince(clock.nanos() - timings.silenceLimit().toNanos());
            for (String gone : silent) {
                LOG.warn("cluster instance silent for {} s; its sessions are gone instance={}",
                        timings.silenceLimit().toSeconds(), gone);
            }
        } catch (RuntimeException bug) {
            LOG.error("cluster heartbeat failed", bug); // the timer must keep running
        }
    }

    /** One event from another instance, on the bus's thread. */
    private void receive(byte[] message) {
        ClusterCodec.Envelope envelope;
        try {
            envelope = codec.decode(message);
        } catch (ClusterCodec.MalformedEvent malformed) {
            LOG.warn("cluster event dropped: {}", malformed.getMessage());
            return;
        }
        if (envelope.origin().equals(instance)) {
            return;
        }
        try {
            remote.heard(envelope.origin(), clock.nanos());
            apply(envelope.origin(), envelope.event());
        } catch (RuntimeException bug) {
            LOG.error("cluster event failed kind={}", envelope.event().getClass().getSimpleName(), bug);
        }
    }

    private void apply(String origin, ClusterEvent event) {
        if (event instanceof ClusterEvent.Posted posted) {
            sequencer.accept(posted, clock.nanos());
        } else if (event instanceof ClusterEvent.Subscribed e) {
            remote.subscribed(origin, e.path(), e.channel());
        } else if (event instanceof ClusterEvent.Unsubscribed e) {
            remote.unsubscribed(origin, e.path(), e.channel());
        } else if (event instanceof ClusterEvent.SessionUp e) {
            remote.up(origin, e.path());
            supersede(origin, e);
        } else if (event instanceof ClusterEvent.SessionDown e) {
            remote.down(origin, e.path());
        } else if (event instanceof ClusterEvent.Heartbeat e) {
            remote.replace(origin, e.sessions());
        } else if (event instanceof ClusterEvent.Whispered e) {
            if (e.node().equals(instance)) {
                hub.find(e.target()).ifPresent(member ->
                        hub.push(member, new SharedFrame(new Frame.Whisper(e.from(), e.target(), e.payload()))));
            }
        } else if (event instanceof ClusterEvent.Banned e) {
            hub.ban(e.channel(), e.user());
        } else if (event instanceof ClusterEvent.Unbanned e) {
            hub.unban(e.channel(), e.user());
        } else if (event instanceof ClusterEvent.UserUnsubscribed e) {
            hub.unsubscribeUser(e.channel(), e.user());
        } else if (event instanceof ClusterEvent.PathUnsubscribed e) {
            hub.unsubscribePath(e.channel(), e.path());
        } else if (event instanceof ClusterEvent.ChannelRenamed e) {
            hub.renameChannel(e.from(), e.to());
            sequencer.forget(e.from());
        } else if (event instanceof ClusterEvent.ChannelDropped e) {
            hub.dropChannel(e.channel());
            sequencer.forget(e.channel());
        } else if (event instanceof ClusterEvent.UserDropped e) {
            hub.sessionsOf(e.user()).forEach(member -> member.kill(e.reason()));
        } else if (event instanceof ClusterEvent.MachineDropped e) {
            hub.sessionsOf(e.user(), e.machine()).forEach(member -> member.kill(e.reason()));
        } else if (event instanceof ClusterEvent.InboxQueued e) {
            // The handover claims from the shared store on this thread: rare (a whisper queued
            // for a user whose inbox session is here), and one short transaction.
            hub.inboxTaker(e.recipient(), e.sender()).ifPresent(inboxHandover);
        } else if (event instanceof ClusterEvent.Receipted e) {
            if (e.node().equals(instance)) {
                hub.pushToInbox(e.sender(), new Frame.Receipt(e.messageId(), e.state()));
            }
        } else if (event instanceof ClusterEvent.Leaving) {
            remote.forget(origin);
            LOG.info("cluster instance left instance={}", origin);
        } else {
            throw new IllegalStateException("unknown cluster event " + event.getClass().getSimpleName());
        }
    }

    /**
     * Another instance attached {@code up.path()}: the older of the two holders goes (ties go to
     * the instance id that sorts last), as a second connection on one server supersedes the first.
     */
    private void supersede(String origin, ClusterEvent.SessionUp up) {
        hub.find(up.path()).ifPresent(local -> {
            long localAt = feed.attachedAtMs(up.path()).orElse(Long.MIN_VALUE);
            boolean older = localAt < up.attachedAtMs() || (localAt == up.attachedAtMs() && instance.compareTo(origin) < 0);
            if (older) {
                LOG.info("session superseded by a newer connection on another instance path={}", up.path());
                local.kill(ForceDrop.SUPERSEDED);
            }
        });
    }

    private static List<SessionPath> merged(List<SessionPath> local, Set<SessionPath> elsewhere) {
        if (elsewhere.isEmpty()) {
            return local;
        }
        Set<SessionPath> all = new TreeSet<>(BY_TEXT);
        all.addAll(local);
        all.addAll(elsewhere);
        return new ArrayList<>(all);
    }
}
