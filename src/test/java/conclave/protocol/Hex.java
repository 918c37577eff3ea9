package conclave.protocol;

import java.util.HexFormat;

/** Hex dumps in the reference's notation: lowercase byte pairs separated by spaces. */
final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    private Hex() {}

    static byte[] bytes(String spaced) {
        return SPACED.parseHex(spaced);
    }

    static String of(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }
}
