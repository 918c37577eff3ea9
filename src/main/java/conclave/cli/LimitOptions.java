package conclave.cli;

import conclave.server.RateLimit;
import conclave.server.ServerLimits;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The abuse-limit flags of {@code conclave serve}, each with its environment variable and default. */
final class LimitOptions {
    @Option(
            names = "--rate-limit",
            paramLabel = "<N/s[:BURST]|off>",
            defaultValue = "${env:CONCLAVE_RATE_LIMIT:-20/s:60}",
            description = "ChannelMsg and Whisper allowance per session, e.g. 20/s:60 (burst defaults to 3 × N), or off (default: ${DEFAULT-VALUE}).")
    String rateLimit;

    @Option(
            names = "--max-body",
            paramLabel = "<BYTES>",
            defaultValue = "${env:CONCLAVE_MAX_BODY:-65536}",
            description = "Largest message body in bytes, at most 16777216 (default: ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(
            names = "--max-sessions",
            paramLabel = "<N>",
            defaultValue = "${env:CONCLAVE_MAX_SESSIONS:-50000}",
            description = "WebSocket connections held at once; more get HTTP 503 (default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(
            names = "--max-pre-auth-per-address",
            paramLabel = "<N>",
            defaultValue = "${env:CONCLAVE_MAX_PRE_AUTH_PER_ADDRESS:-32}",
            description = "Unauthenticated connections per remote address; more get HTTP 503 (default: ${DEFAULT-VALUE}).")
    int maxPreAuthPerAddress;

    @Option(
            names = "--max-channels-per-user",
            paramLabel = "<N>",
            defaultValue = "${env:CONCLAVE_MAX_CHANNELS_PER_USER:-100}",
            description = "Channels one user may have created (default: ${DEFAULT-VALUE}).")
    int maxChannelsPerUser;

    @Option(
            names = "--max-invites-per-channel",
            paramLabel = "<N>",
            defaultValue = "${env:CONCLAVE_MAX_INVITES_PER_CHANNEL:-100}",
            description = "Outstanding (unused, unexpired) invites per channel (default: ${DEFAULT-VALUE}).")
    int maxInvitesPerChannel;

    /**
     * The limits these flags describe.
     *
     * @throws ParameterException naming the flag, its variable and the rule it breaks
     */
    ServerLimits limits(CommandLine commandLine) {
        Optional<RateLimit> rate;
        try {
            rate = RateLimit.parse(rateLimit);
        } catch (IllegalArgumentException invalid) {
            throw invalid(commandLine, "--rate-limit", "CONCLAVE_RATE_LIMIT", invalid.getMessage());
        }
        if (maxBody < 1 || maxBody > ServerLimits.BODY_CEILING) {
            throw invalid(commandLine, "--max-body", "CONCLAVE_MAX_BODY",
                    "must be 1-" + ServerLimits.BODY_CEILING + " bytes, got " + maxBody);
        }
        requirePositive(commandLine, "--max-sessions", "CONCLAVE_MAX_SESSIONS", maxSessions);
        requirePositive(commandLine, "--max-pre-auth-per-address", "CONCLAVE_MAX_PRE_AUTH_PER_ADDRESS",
                maxPreAuthPerAddress);
        requirePositive(commandLine, "--max-channels-per-user", "CONCLAVE_MAX_CHANNELS_PER_USER", maxChannelsPerUser);
        requirePositive(commandLine, "--max-invites-per-channel", "CONCLAVE_MAX_INVITES_PER_CHANNEL",
                maxInvitesPerChannel);
        return new ServerLimits(
                rate, maxBody, maxSessions, maxPreAuthPerAddress, maxChannelsPerUser, maxInvitesPerChannel);
    }

    private static void requirePositive(CommandLine commandLine, String flag, String variable, int value) {
        if (value < 1) {
            throw invalid(commandLine, flag, variable, "must be at least 1, got " + value);
        }
    }

    private static ParameterException invalid(CommandLine commandLine, String flag, String variable, String rule) {
        return new ParameterException(commandLine, "invalid " + flag + " (or " + variable + "): " + rule);
    }
}
