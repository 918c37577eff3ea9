package conclave.identity;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The server's share of one authenticated handshake's cryptography: the JDK Ed25519 check of a
 * signature over a 32-byte challenge nonce, and drawing that nonce.
 * Run: ./mvnw -B -q test-compile exec:exec@jmh -Djmh.args="SignaturesBenchmark -f 1 -wi 5 -w 2s -i 5 -r 2s"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignaturesBenchmark {
    private final SecureRandom random = new SecureRandom();
    private Ed25519PublicKey key;
    private byte[] nonce;
    private Ed25519Signature signature;

    @Setup
    public void sign() {
        SigningKey signer = SigningKey.generate();
        key = signer.publicKey();
        nonce = new byte[32];
        random.nextBytes(nonce);
        signature = signer.sign(nonce);
    }

    @Benchmark
    public boolean verify() {
        return Signatures.verify(key, nonce, signature);
    }

    @Benchmark
    public byte[] nonce() {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        return fresh;
    }
}
