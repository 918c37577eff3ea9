package conclave.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for every frame, admin op, error and payload, with Unicode text (including
 * characters outside the BMP and control characters) and integer extremes.
 */
public final class FrameArbitraries {
    // Built once and shared: assembling arbitraries is slow next to drawing from them.
    private static final Arbitrary<String> TEXT = codePoints();
    private static final Arbitrary<AdminOp> ADMIN_OPS = Arbitraries.oneOf(
            Arrays.stream(AdminOpKind.values()).map(FrameArbitraries::adminOp).toList());
    private static final Arbitrary<Frame> FRAMES = Arbitraries.oneOf(
            Arrays.stream(FrameKind.values()).map(FrameArbitraries::frame).toList());

    private FrameArbitraries() {}

    /** Any frame of any kind, each kind equally likely; public for the server's socket fuzzer. */
    public static Arbitrary<Frame> frames() {
        return FRAMES;
    }

    private static Arbitrary<Frame> frame(FrameKind kind) {
        return switch (kind) {
            case HELLO -> Combinators.combine(u32(), text()).as(Frame.Hello::new);
            case CHALLENGE -> bytes().map(Frame.Challenge::new);
            case AUTH -> Combinators.combine(bytes(), bytes()).as(Frame.Auth::new);
            case ESTABLISHED -> paths().map(Frame.Established::new);
            case REGISTER -> Combinators.combine(text(), text(), bytes()).as(Frame.Register::new);
            case JOIN -> Combinators.combine(text(), optionalText()).as(Frame.Join::new);
            case LEAVE -> text().map(Frame.Leave::new);
            case WHO -> optionalText().map(Frame.Who::new);
            case ADMIN -> adminOps().map(Frame.Admin::new);
            case CHANNEL_MSG -> Combinators.combine(text(), sendersOrUnstamped(), payloads())
                    .as(Frame.ChannelMsg::new);
            case WHISPER -> Combinators.combine(sendersOrUnstamped(), targets(), payloads())
                    .as(Frame.Whisper::new);
            case PRESENCE -> Combinators.combine(optionalText(), listOf(paths()))
                    .as(Frame.Presence::new);
            case ERROR -> errors().map(Frame.Error::new);
            case LIST_CHANNELS -> Arbitraries.just(new Frame.ListChannels());
            case CHANNEL_LIST -> listOf(Combinators.combine(
                            text(), Arbitraries.of(Visibility.class), Arbitraries.of(true, false))
                    .as(ChannelInfo::new)).map(Frame.ChannelList::new);
            case JOINED -> text().map(Frame.Joined::new);
            case ACK -> optionalText().map(Frame.Ack::new);
            case INVITE_TOKEN -> text().map(Frame.InviteToken::new);
            case PING -> Arbitraries.just(new Frame.Ping());
            case PONG -> Arbitraries.just(new Frame.Pong());
            case SERVER_INFO -> Arbitraries.of(true, false).map(Frame.ServerInfo::new);
            case LIST_MACHINES -> Arbitraries.just(new Frame.ListMachines());
            case MACHINE_LIST -> listOf(Combinators.combine(text(), text(), text())
                    .as(MachineInfo::new)).map(Frame.MachineList::new);
            case LIST_USERS -> Arbitraries.just(new Frame.ListUsers());
            case USER_LIST -> listOf(text()).map(Frame.UserList::new);
            case INVITE_LIST -> listOf(Combinators.combine(
                            text(), Arbitraries.longs().optional(), optionalText())
                    .as(InviteInfo::new)).map(Frame.InviteList::new);
            case READ_SINCE -> Combinators.combine(text(), Arbitraries.longs())
                    .as(Frame.ReadSince::new);
            case HISTORY -> Combinators.combine(text(), listOf(Combinators.combine(
                            paths(), Arbitraries.longs(), payloads()).as(HistoryMessage::new)))
                    .as(Frame.History::new);
            case CAPABILITIES -> listOf(text()).map(Frame.Capabilities::new);
            case RECEIPT -> Combinators.combine(Arbitraries.longs(), Arbitraries.of(ReceiptState.class))
                    .as(Frame.Receipt::new);
            case MARK_READ -> Arbitraries.longs().map(Frame.MarkRead::new);
            case INBOX_WHISPER -> Combinators.combine(Arbitraries.longs(), paths(), targets(), Arbitraries.longs(),
                    payloads()).as(Frame.InboxWhisper::new);
        };
    }

    private static Arbitrary<AdminOp> adminOps() {
        return ADMIN_OPS;
    }

    private static Arbitrary<AdminOp> adminOp(AdminOpKind kind) {
        Arbitrary<Visibility> visibility = Arbitraries.of(Visibility.class);
        return switch (kind) {
            case CREATE_CHANNEL -> Combinators.combine(text(), visibility)
                    .as(AdminOp.CreateChannel::new);
            case DELETE_CHANNEL -> text().map(AdminOp.DeleteChannel::new);
            case RENAME_CHANNEL -> Combinators.combine(text(), text())
                    .as(AdminOp.RenameChannel::new);
            case SET_VISIBILITY -> Combinators.combine(text(), visibility)
                    .as(AdminOp.SetVisibility::new);
            case ACL_ADD -> Combinators.combine(text(), text()).as(AdminOp.AclAdd::new);
            case ACL_REMOVE -> Combinators.combine(text(), text()).as(AdminOp.AclRemove::new);
            case INVITE_CREATE -> Combinators.combine(
                            text(), u32().optional(), Arbitraries.longs().optional())
                    .as(AdminOp.InviteCreate::new);
            case INVITE_REVOKE -> text().map(AdminOp.InviteRevoke::new);
            case KICK -> Combinators.combine(text(), text()).as(AdminOp.Kick::new);
            case BAN -> Combinators.combine(text(), text()).as(AdminOp.Ban::new);
            case USER_REMOVE -> text().map(AdminOp.UserRemove::new);
            case MACHINE_REMOVE -> text().map(AdminOp.MachineRemove::new);
            case MACHINE_ADD -> Combinators.combine(text(), bytes()).as(AdminOp.MachineAdd::new);
            case ACL_LIST -> text().map(AdminOp.AclList::new);
            case UNBAN -> Combinators.combine(text(), text()).as(AdminOp.Unban::new);
            case BAN_LIST -> text().map(AdminOp.BanList::new);
            case INVITE_LIST -> text().map(AdminOp.InviteList::new);
        };
    }

    private static Arbitrary<ProtocolError> errors() {
        return Arbitraries.oneOf(
                Combinators.combine(u32(), u32()).as(ProtocolError.VersionMismatch::new),
                text().map(ProtocolError.MalformedFrame::new),
                text().map(ProtocolError.Unauthorized::new),
                text().map(ProtocolError.NotFound::new),
                text().map(ProtocolError.Internal::new));
    }

    static Arbitrary<Payload> payloads() {
        return Arbitraries.oneOf(
                text().map(Payload.Plain::new),
                Combinators.combine(bytes(), optionalText()).as(Payload.Encrypted::new));
    }

    /**
     * Paths as the server creates them: parts without {@code /} and never empty, so the text
     * form parses back.
     */
    private static Arbitrary<SessionPath> paths() {
        Arbitrary<String> part = text().filter(value -> !value.isEmpty() && value.indexOf('/') < 0);
        return Combinators.combine(part, part, part).as(SessionPath::new);
    }

    /** Unicode text, as any decoder in this package produces it. */
    private static Arbitrary<String> text() {
        return TEXT;
    }

    /**
     * Text without unpaired surrogates: mostly ASCII, with control characters, the rest of the
     * BMP and supplementary planes mixed in.
     */
    private static Arbitrary<String> codePoints() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0x00, 0x1F)),
                Tuple.of(2, Arbitraries.integers().between(0x80, Character.MIN_SURROGATE - 1)),
                Tuple.of(1, Arbitraries.integers().between(Character.MAX_SURROGATE + 1, 0xFFFF)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
        return codePoint.list().ofMaxSize(24).map(FrameArbitraries::fromCodePoints);
    }

    /** A whisper target: a full path, or now and then a bare username (extension {@code inbox}). */
    private static Arbitrary<SessionPath> targets() {
        Arbitrary<String> user = text().filter(value -> !value.isEmpty() && value.indexOf('/') < 0);
        return Arbitraries.frequencyOf(Tuple.of(4, paths()), Tuple.of(1, user.map(SessionPath::ofUser)));
    }

    private static Arbitrary<SessionPath> sendersOrUnstamped() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, paths()), Tuple.of(1, Arbitraries.just(SessionPath.UNSTAMPED)));
    }

    private static Arbitrary<Optional<String>> optionalText() {
        return text().optional();
    }

    private static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }

    private static Arbitrary<Bytes> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(80).map(Bytes::of);
    }

    private static <T> Arbitrary<List<T>> listOf(Arbitrary<T> element) {
        return element.list().ofMaxSize(4);
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        var text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString();
    }
}
