package conclave.cli;

import conclave.server.cluster.ClusterAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --cluster}: {@code none}, {@code postgres} or {@code nats://HOST:PORT}. */
final class ClusterAddressConverter implements ITypeConverter<ClusterAddress> {
    @Override
    public ClusterAddress convert(String value) {
        try {
            return ClusterAddress.parse(value);
        } catch (IllegalArgumentException invalid) {
            throw new TypeConversionException(invalid.getMessage());
        }
    }
}
