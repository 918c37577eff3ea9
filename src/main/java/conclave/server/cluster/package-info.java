/**
 * The cluster buses that join the instances of one conclave: {@link
 * conclave.server.cluster.ClusterBus} and its in-process, PostgreSQL LISTEN/NOTIFY and NATS
 * implementations, chosen by a {@link conclave.server.cluster.ClusterAddress}. They carry opaque
 * bytes only; what the bytes mean is {@code conclave.server}'s. Each bus delivers on its own
 * thread and publishes from the caller's.
 */
package conclave.server.cluster;
