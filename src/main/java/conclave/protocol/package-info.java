/**
 * The wire protocol: the frame model (sealed interfaces and records mirroring protocol version 1),
 * the bincode codec that is byte-compatible with the Rust original, and the JSON text codec.
 *
 * <p>Depends on nothing else in conclave. Every type here is immutable and thread-safe; codecs are
 * stateless. Decoders never throw anything but {@link conclave.protocol.DecodeException} on bad
 * input. Start with {@code Frame}, {@code FrameKind} and {@code BincodeCodec}.
 */
package conclave.protocol;
