package conclave.server;

import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.store.AppendedMessage;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A server alone: every operation is the {@link Hub}'s own, with nothing added. Thread-safe. */
final class SoloCluster implements Cluster {
    private final Hub hub;

    SoloCluster(Hub hub) {
        this.hub = hub;
    }

    @Override
    public void posted(String channel, SessionPath from, Payload payload, AppendedMessage appended) {
        hub.fanOut(channel, from, new Frame.ChannelMsg(channel, from, payload));
    }

    @Override
    public boolean whisper(SessionPath from, SessionPath target, Payload payload) {
        Optional<Member> recipient = hub.find(target);
        recipient.ifPresent(member -> hub.push(member, new SharedFrame(new Frame.Whisper(from, target, payload))));
        return recipient.isPresent();
    }

    @Override
    public void inboxQueued(SessionPath recipient, SessionPath sender) {
        // no other instance: the caller served this one's sessions
    }

    @Override
    public void receipt(SessionPath sender, Frame.Receipt receipt) {
        hub.pushToInbox(sender, receipt);
    }

    @Override
    public void handInboxesWith(Consumer<Member> handover) {
        // every queue is reported by this instance's own requests
    }

    @Override
    public List<SessionPath> online() {
        return hub.online();
    }

    @Override
    public List<SessionPath> subscribers(String channel) {
        return hub.subscribers(channel);
    }

    @Override
    public boolean isBanned(String channel, String user) {
        return hub.isBanned(channel, user);
    }

    @Override
    public void ban(String channel, String user) {
        hub.ban(channel, user);
    }

    @Override
    public void unban(String channel, String user) {
        hub.unban(channel, user);
    }

    @Override
    public void unsubscribeUser(String channel, String user) {
        hub.unsubscribeUser(channel, user);
    }

    @Override
    public void unsubscribePath(String channel, SessionPath path) {
        hub.unsubscribePath(channel, path);
    }

    @Override
    public void renameChannel(String from, String to) {
        hub.renameChannel(from, to);
    }

    @Override
    public void dropChannel(String channel) {
        hub.dropChannel(channel);
    }

    @Override
    public void dropUser(String user, String reason) {
        hub.sessionsOf(user).forEach(member -> member.kill(reason));
    }

    @Override
    public void dropMachine(String user, String machine, String reason) {
        hub.sessionsOf(user, machine).forEach(member -> member.kill(reason));
    }

    @Override
    public void close() {}
}
