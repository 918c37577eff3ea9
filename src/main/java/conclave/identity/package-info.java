/**
 * Identity: Ed25519 key pairs from the JDK alone ({@link conclave.identity.SigningKey},
 * {@link conclave.identity.Ed25519PublicKey}), signatures over server nonces
 * ({@link conclave.identity.Signatures}), the key file ({@link conclave.identity.KeyFile}: a 32-byte
 * seed as base64url, mode 0600) and random tokens for invites and instance ids
 * ({@link conclave.identity.Tokens}).
 *
 * <p>Depends on nothing else in conclave. Every type is immutable and thread-safe. Key material
 * never appears in {@code toString()}, exception messages or logs.
 */
package conclave.identity;
