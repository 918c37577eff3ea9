package conclave.client;

/**
 * Why a call to a conclave server failed, as one line a person can read: the CLI prints it after
 * {@code ❌ } and the bridge answers a tool call with it. Subclasses say which step failed.
 *
 * <p>The message is complete on its own, so no cause is attached (a cause's text would be
 * repeated by anything that prints a cause chain). The transport failure behind a message, if
 * any, rides along as a suppressed exception for debugging. Unchecked, like every failure of a
 * remote call: callers catch it at the one boundary that prints it.
 */
public abstract sealed class ClientException extends RuntimeException
        permits DialException, HandshakeRejectedException, ErrorReplyException,
                UnexpectedReplyException, ReplyTimeoutException, ConnectionLostException, LinkBusyException {
    private static final long serialVersionUID = 1L;

    ClientException(String message) {
        super(message);
    }

    ClientException(String message, Throwable transportFailure) {
        super(message);
        if (transportFailure != null) {
            addSuppressed(transportFailure);
        }
    }
}
