package conclave.store;

import java.util.Arrays;

/**
 * One retained channel message: the sender's session path text, the encoded payload exactly as
 * appended (copied in and out) and the store-assigned timestamp. {@link #toString()} shows the
 * payload's size only.
 */
public record MessageRecord(String from, byte[] payload, long tsMs) {
    public MessageRecord {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageRecord that
                && from.equals(that.from)
                && Arrays.equals(payload, that.payload)
                && tsMs == that.tsMs;
    }

    @Override
    public int hashCode() {
        return (from.hashCode() * 31 + Arrays.hashCode(payload)) * 31 + Long.hashCode(tsMs);
    }

    @Override
    public String toString() {
        return "MessageRecord[from=" + from + ", payload=" + payload.length + " bytes, tsMs=" + tsMs + "]";
    }
}
