package conclave.server;

import conclave.protocol.BincodeCodec;
import conclave.protocol.DecodeException;
import conclave.protocol.Payload;
import conclave.protocol.ReceiptState;
import conclave.protocol.SessionPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The bytes of a {@link ClusterEvent} on the bus: a format version, the origin instance, a tag and
 * the fields; payloads in their bincode form, as history stores them. Stateless and thread-safe.
 */
final class ClusterCodec {
    /** Raised on bytes that are not an event of this format. */
    static final class MalformedEvent extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedEvent(String message) {
            super(message);
        }
    }

    /** An event with the instance it came from. */
    record Envelope(String origin, ClusterEvent event) {}

    private static final int VERSION = 1;
    private static final BincodeCodec BINCODE = new BincodeCodec();

    byte[] encode(String origin, ClusterEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(origin);
            write(out, event);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a byte array never fails
        }
        return bytes.toByteArray();
    }

    Envelope decode(byte[] message) throws MalformedEvent {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new MalformedEvent("unknown cluster event format " + version);
            }
            String origin = in.readUTF();
            ClusterEvent event = read(in);
            if (in.available() > 0) {
                throw new MalformedEvent("trailing bytes after a cluster event");
            }
            return new Envelope(origin, event);
        } catch (IOException truncated) {
            throw new MalformedEvent("truncated cluster event");
        } catch (DecodeException badPayload) {
            throw new MalformedEvent("bad payload in a cluster event");
        }
    }

    private static void write(DataOutputStream out, ClusterEvent event) throws IOException {
        if (event instanceof ClusterEvent.Heartbeat e) {
            out.writeByte(1);
            out.writeInt(e.sessions().size());
            for (Map.Entry<SessionPath, Set<String>> session : e.sessions().entrySet()) {
                out.writeUTF(session.getKey().text());
                out.writeInt(session.getValue().size());
                for (String channel : session.getValue()) {
                    out.writeUTF(channel);
                }
            }
        } else if (event instanceof ClusterEvent.SessionUp e) {
            out.writeByte(2);
            out.writeUTF(e.path().text());
            out.writeLong(e.attachedAtMs());
        } else if (event instanceof ClusterEvent.SessionDown e) {
            out.writeByte(3);
            out.writeUTF(e.path().text());
        } else if (event instanceof ClusterEvent.Subscribed e) {
            out.writeByte(4);
            out.writeUTF(e.path().text());
            out.writeUTF(e.channel());
        } else if (event instanceof ClusterEvent.Unsubscribed e) {
            out.writeByte(5);
            out.writeUTF(e.path().text());
            out.writeUTF(e.channel());
        } else if (event instanceof ClusterEvent.Posted e) {
            out.writeByte(6);
            out.writeUTF(e.channel());
            out.writeLong(e.previousTsMs());
            out.writeLong(e.tsMs());
            out.writeUTF(e.from().text());
            writePayload(out, e.payload());
        } else if (event instanceof ClusterEvent.Whispered e) {
            out.writeByte(7);
            out.writeUTF(e.node());
            out.writeUTF(e.from().text());
            out.writeUTF(e.target().text());
            writePayload(out, e.payload());
        } else if (event instanceof ClusterEvent.Banned e) {
            writePair(out, 8, e.channel(), e.user());
        } else if (event instanceof ClusterEvent.Unbanned e) {
            writePair(out, 9, e.channel(), e.user());
        } else if (event instanceof ClusterEvent.UserUnsubscribed e) {
            writePair(out, 10, e.channel(), e.user());
        } else if (event instanceof ClusterEvent.PathUnsubscribed e) {
            writePair(out, 11, e.channel(), e.path().text());
        } else if (event instanceof ClusterEvent.ChannelRenamed e) {
            writePair(out, 12, e.from(), e.to());
        } else if (event instanceof ClusterEvent.ChannelDropped e) {
            out.writeByte(13);
            out.writeUTF(e.channel());
        } else if (event instanceof ClusterEvent.UserDropped e) {
            writePair(out, 14, e.user(), e.reason());
        } else if (event instanceof ClusterEvent.MachineDropped e) {
            writePair(out, 15, e.user(), e.machine());
            out.writeUTF(e.reason());
        } else if (event instanceof ClusterEvent.Leaving) {
            out.writeByte(16);
        } else if (event instanceof ClusterEvent.InboxQueued e) {
            out.writeByte(17);
            out.writeUTF(e.recipient().address());
            out.writeUTF(e.sender().text());
        } else if (event instanceof ClusterEvent.Receipted e) {
            out.writeByte(18);
            out.writeUTF(e.node());
            out.writeUTF(e.sender().text());
            out.writeLong(e.messageId());
            out.writeByte(e.state().ordinal());
        } else {
            throw new IllegalStateException("unknown cluster event " + event.getClass().getSimpleName());
        }
    }

    private static ClusterEvent read(DataInputStream in) throws IOException, MalformedEvent, DecodeException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 1: {
                int count = count(in);
                Map<SessionPath, Set<String>> sessions = new HashMap<>();
                for (int i = 0; i < count; i++) {
                    SessionPath path = path(in.readUTF());
                    int channels = count(in);
                    Set<String> subscribed = new HashSet<>();
                    for (int j = 0; j < channels; j++) {
                        subscribed.add(in.readUTF());
                    }
                    sessions.put(path, subscribed);
                }
                return new ClusterEvent.Heartbeat(sessions);
            }
            case 2:
                return new ClusterEvent.SessionUp(path(in.readUTF()), in.readLong());
            case 3:
                return new ClusterEvent.SessionDown(path(in.readUTF()));
            case 4:
                return new ClusterEvent.Subscribed(path(in.readUTF()), in.readUTF());
            case 5:
                return new ClusterEvent.Unsubscribed(path(in.readUTF()), in.readUTF());
            case 6: {
                String channel = in.readUTF();
                long previous = in.readLong();
                long ts = in.readLong();
                SessionPath from = path(in.readUTF());
                return new ClusterEvent.Posted(channel, previous, ts, from, readPayload(in));
            }
            case 7: {
                String node = in.readUTF();
                SessionPath from = path(in.readUTF());
                SessionPath target = path(in.readUTF());
                return new ClusterEvent.Whispered(node, from, target, readPayload(in));
            }
            case 8:
                return new ClusterEvent.Banned(in.readUTF(), in.readUTF());
            case 9:
                return new ClusterEvent.Unbanned(in.readUTF(), in.readUTF());
            case 10:
                return new ClusterEvent.UserUnsubscribed(in.readUTF(), in.readUTF());
            case 11:
                return new ClusterEvent.PathUnsubscribed(in.readUTF(), path(in.readUTF()));
            case 12:
                return new ClusterEvent.ChannelRenamed(in.readUTF(), in.readUTF());
            case 13:
                return new ClusterEvent.ChannelDropped(in.readUTF());
            case 14:
                return new ClusterEvent.UserDropped(in.readUTF(), in.readUTF());
            case 15:
                return new ClusterEvent.MachineDropped(in.readUTF(), in.readUTF(), in.readUTF());
            case 16:
                return new ClusterEvent.Leaving();
            case 17:
                return new ClusterEvent.InboxQueued(recipient(in.readUTF()), path(in.readUTF()));
            case 18: {
                String node = in.readUTF();
                SessionPath sender = path(in.readUTF());
                long messageId = in.readLong();
                int state = in.readUnsignedByte();
                if (state >= ReceiptState.values().length) {
                    throw new MalformedEvent("unknown receipt state " + state);
                }
                return new ClusterEvent.Receipted(node, sender, messageId, ReceiptState.values()[state]);
            }
            default:
                throw new MalformedEvent("unknown cluster event tag " + tag);
        }
    }

    private static void writePair(DataOutputStream out, int tag, String first, String second) throws IOException {
        out.writeByte(tag);
        out.writeUTF(first);
        out.writeUTF(second);
    }

    private static void writePayload(DataOutputStream out, Payload payload) throws IOException {
        byte[] bytes = BINCODE.encodePayload(payload);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static Payload readPayload(DataInputStream in) throws IOException, MalformedEvent, DecodeException {
        int length = count(in);
        return BINCODE.decodePayload(in.readNBytes(length));
    }

    private static int count(DataInputStream in) throws IOException, MalformedEvent {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new MalformedEvent("impossible count " + count + " in a cluster event");
        }
        return count;
    }

    private static SessionPath path(String text) throws MalformedEvent {
        return SessionPath.parse(text).orElseThrow(() -> new MalformedEvent("bad session path in a cluster event"));
    }

    /** A whisper target as {@link SessionPath#address()} writes it: a path, or a bare username. */
    private static SessionPath recipient(String address) throws MalformedEvent {
        if (address.indexOf('/') >= 0) {
            return path(address);
        }
        if (address.isEmpty()) {
            throw new MalformedEvent("empty whisper recipient in a cluster event");
        }
        return SessionPath.ofUser(address);
    }
}
