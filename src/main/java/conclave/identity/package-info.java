/**
 * Identity: Ed25519 key pairs from the JDK alone, signatures over server nonces, the keystore file
 * (a 32-byte seed as base64url, mode 0600) and random tokens for invites and instance ids.
 *
 * <p>Depends on nothing else in conclave. Key material never appears in {@code toString()} or logs.
 */
package conclave.identity;
