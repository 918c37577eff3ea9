package conclave.store;

import java.util.Arrays;

/**
 * One whisper of the inbox: its message id, who it was queued for (a session path or a bare
 * username), the sender's session path, the encoded payload exactly as queued (copied in and out)
 * and when it was queued. {@link #toString()} shows the payload's size only.
 */
public record InboxWhisperRecord(long id, String recipient, String senderPath, byte[] payload, long queuedAtMs) {
    public InboxWhisperRecord {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InboxWhisperRecord that
                && id == that.id
                && recipient.equals(that.recipient)
                && senderPath.equals(that.senderPath)
                && Arrays.equals(payload, that.payload)
                && queuedAtMs == that.queuedAtMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "InboxWhisperRecord[id=" + id + ", recipient=" + recipient + ", senderPath=" + senderPath
                + ", payload=" + payload.length + " bytes, queuedAtMs=" + queuedAtMs + "]";
    }
}
