/**
 * The wire protocol: the frame model (sealed interfaces and records mirroring protocol version 1),
 * the bincode codec that is byte-compatible with the Rust original, the JSON text codec, and the
 * naming rules the server applies to names entering through frames.
 *
 * <p>Depends on nothing else in conclave (the JDK and Jackson only). Public types are immutable
 * and thread-safe; codecs are stateless. Decoders never throw anything but
 * {@link conclave.protocol.DecodeException} on bad input, and dispatch over a frame is one
 * exhaustive switch over {@link conclave.protocol.FrameKind}. Start with {@code Frame},
 * {@code BincodeCodec} and {@code JsonFrameCodec}.
 */
package conclave.protocol;
