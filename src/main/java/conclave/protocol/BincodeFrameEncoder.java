package conclave.protocol;

/**
 * Writes frames and their parts in the Rust original's field order: a variant index, then the
 * fields as declared. Stateless.
 */
final class BincodeFrameEncoder {
    private BincodeFrameEncoder() {}

    static BincodeWriter frame(BincodeWriter out, Frame frame) {
        FrameKind kind = frame.kind();
        out.varint(kind.index());
        return switch (kind) {
            case HELLO -> {
                var hello = (Frame.Hello) frame;
                yield out.varint(hello.protocolVersion()).string(hello.session());
            }
            case CHALLENGE -> out.bytes(((Frame.Challenge) frame).nonce());
            case AUTH -> {
                var auth = (Frame.Auth) frame;
                yield out.bytes(auth.pubkey()).bytes(auth.signature());
            }
            case ESTABLISHED -> path(out, ((Frame.Established) frame).path());
            case REGISTER -> {
                var register = (Frame.Register) frame;
                yield out.string(register.username())
                        .string(register.machine())
                        .bytes(register.pubkey());
            }
            case JOIN -> {
                var join = (Frame.Join) frame;
                yield out.string(join.channel()).optionalString(join.token());
            }
            case LEAVE -> out.string(((Frame.Leave) frame).channel());
            case WHO -> out.optionalString(((Frame.Who) frame).channel());
            case ADMIN -> adminOp(out, ((Frame.Admin) frame).op());
            case CHANNEL_MSG -> {
                var message = (Frame.ChannelMsg) frame;
                out.string(message.channel());
                path(out, message.from());
                yield payload(out, message.payload());
            }
            case WHISPER -> {
                var whisper = (Frame.Whisper) frame;
                path(out, whisper.from());
                path(out, whisper.target());
                yield payload(out, whisper.payload());
            }
            case PRESENCE -> {
                var presence = (Frame.Presence) frame;
                yield out.optionalString(presence.channel())
                        .list(presence.sessions(), BincodeFrameEncoder::path);
            }
            case ERROR -> error(out, ((Frame.Error) frame).error());
            case CHANNEL_LIST -> out.list(((Frame.ChannelList) frame).channels(),
                    (writer, channel) -> writer.string(channel.name())
                            .varint(channel.visibility().ordinal())
                            .bool(channel.member()));
            case JOINED -> out.string(((Frame.Joined) frame).channel());
            case ACK -> out.optionalString(((Frame.Ack) frame).detail());
            case INVITE_TOKEN -> out.string(((Frame.InviteToken) frame).token());
            case SERVER_INFO -> out.bool(((Frame.ServerInfo) frame).admin());
            case MACHINE_LIST -> out.list(((Frame.MachineList) frame).machines(),
                    (writer, machine) -> writer.string(machine.name())
                            .string(machine.pubkey())
                            .string(machine.addedAt()));
            case USER_LIST -> out.list(((Frame.UserList) frame).users(), BincodeWriter::string);
            case INVITE_LIST -> out.list(((Frame.InviteList) frame).invites(),
                    (writer, invite) -> writer.string(invite.token())
                            .optionalZigzag(invite.usesRemaining())
                            .optionalString(invite.expiresAt()));
            case READ_SINCE -> {
                var read = (Frame.ReadSince) frame;
                yield out.string(read.channel()).zigzag(read.sinceMs());
            }
            case HISTORY -> {
                var history = (Frame.History) frame;
                yield out.string(history.channel())
                        .list(history.messages(), BincodeFrameEncoder::historyMessage);
            }
            case CAPABILITIES -> out.list(((Frame.Capabilities) frame).features(), BincodeWriter::string);
            case RECEIPT -> {
                var receipt = (Frame.Receipt) frame;
                yield out.varint(receipt.messageId()).varint(receipt.state().ordinal());
            }
            case MARK_READ -> out.varint(((Frame.MarkRead) frame).messageId());
            case INBOX_WHISPER -> {
                var whisper = (Frame.InboxWhisper) frame;
                out.varint(whisper.messageId());
                path(out, whisper.from());
                path(out, whisper.target());
                out.zigzag(whisper.tsMs());
                yield payload(out, whisper.payload());
            }
            case LIST_CHANNELS, PING, PONG, LIST_MACHINES, LIST_USERS -> out;
        };
    }

    static BincodeWriter payload(BincodeWriter out, Payload payload) {
        PayloadKind kind = payload.kind();
        out.varint(kind.index());
        return switch (kind) {
            case PLAIN -> out.string(((Payload.Plain) payload).body());
            case ENCRYPTED -> {
                var encrypted = (Payload.Encrypted) payload;
                yield out.bytes(encrypted.ciphertext()).optionalString(encrypted.keyId());
            }
        };
    }

    private static BincodeWriter adminOp(BincodeWriter out, AdminOp op) {
        AdminOpKind kind = op.kind();
        out.varint(kind.index());
        return switch (kind) {
            case CREATE_CHANNEL -> {
                var create = (AdminOp.CreateChannel) op;
                yield out.string(create.name()).varint(create.visibility().ordinal());
            }
            case DELETE_CHANNEL -> out.string(((AdminOp.DeleteChannel) op).name());
            case RENAME_CHANNEL -> {
                var rename = (AdminOp.RenameChannel) op;
                yield out.string(rename.name()).string(rename.newName());
            }
            case SET_VISIBILITY -> {
                var set = (AdminOp.SetVisibility) op;
                yield out.string(set.name()).varint(set.visibility().ordinal());
            }
            case ACL_ADD -> {
                var add = (AdminOp.AclAdd) op;
                yield out.string(add.channel()).string(add.user());
            }
            case ACL_REMOVE -> {
                var remove = (AdminOp.AclRemove) op;
                yield out.string(remove.channel()).string(remove.user());
            }
            case INVITE_CREATE -> {
                var create = (AdminOp.InviteCreate) op;
                yield out.string(create.channel())
                        .optionalVarint(create.uses())
                        .optionalVarint(create.expiresInSecs());
            }
            case INVITE_REVOKE -> out.string(((AdminOp.InviteRevoke) op).token());
            case KICK -> {
                var kick = (AdminOp.Kick) op;
                yield out.string(kick.channel()).string(kick.target());
            }
            case BAN -> {
                var ban = (AdminOp.Ban) op;
                yield out.string(ban.channel()).string(ban.user());
            }
            case USER_REMOVE -> out.string(((AdminOp.UserRemove) op).username());
            case MACHINE_REMOVE -> out.string(((AdminOp.MachineRemove) op).name());
            case MACHINE_ADD -> {
                var add = (AdminOp.MachineAdd) op;
                yield out.string(add.name()).bytes(add.pubkey());
            }
            case ACL_LIST -> out.string(((AdminOp.AclList) op).channel());
            case UNBAN -> {
                var unban = (AdminOp.Unban) op;
                yield out.string(unban.channel()).string(unban.user());
            }
            case BAN_LIST -> out.string(((AdminOp.BanList) op).channel());
            case INVITE_LIST -> out.string(((AdminOp.InviteList) op).channel());
        };
    }

    private static BincodeWriter error(BincodeWriter out, ProtocolError error) {
        ProtocolErrorKind kind = error.kind();
        out.varint(kind.index());
        return switch (kind) {
            case VERSION_MISMATCH -> {
                var mismatch = (ProtocolError.VersionMismatch) error;
                yield out.varint(mismatch.ours()).varint(mismatch.theirs());
            }
            case MALFORMED_FRAME -> out.string(((ProtocolError.MalformedFrame) error).message());
            case UNAUTHORIZED -> out.string(((ProtocolError.Unauthorized) error).message());
            case NOT_FOUND -> out.string(((ProtocolError.NotFound) error).message());
            case INTERNAL -> out.string(((ProtocolError.Internal) error).message());
        };
    }

    private static BincodeWriter path(BincodeWriter out, SessionPath path) {
        return out.string(path.user()).string(path.machine()).string(path.session());
    }

    private static BincodeWriter historyMessage(BincodeWriter out, HistoryMessage message) {
        path(out, message.from());
        out.zigzag(message.tsMs());
        return payload(out, message.payload());
    }
}
