package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The kind enums are the index tables of the wire; their order is append-only. */
class KindsTest {
    @Test
    void frameKind_indices_areTheDeclarationOrderFrom0To27() {
        for (FrameKind kind : FrameKind.values()) {
            assertThat(kind.index()).as(kind.name()).isEqualTo(kind.ordinal());
            assertThat(FrameKind.fromIndex(kind.index())).contains(kind);
            assertThat(FrameKind.fromJsonName(kind.jsonName())).contains(kind);
        }
        assertThat(FrameKind.values()).hasSize(32);
        assertThat(FrameKind.fromIndex(32)).isEmpty();
        assertThat(FrameKind.fromIndex(-1)).isEmpty();
    }

    @Test
    void frameKind_jsonNames_areTheSnakeCaseOfTheRecordNames() {
        assertThat(Arrays.stream(FrameKind.values()).map(FrameKind::jsonName)).containsExactly(
                "hello", "challenge", "auth", "established", "register", "join", "leave", "who",
                "admin", "channel_msg", "whisper", "presence", "error", "list_channels",
                "channel_list", "joined", "ack", "invite_token", "ping", "pong", "server_info",
                "list_machines", "machine_list", "list_users", "user_list", "invite_list",
                "read_since", "history", "capabilities", "receipt", "mark_read", "inbox_whisper");
    }

    @Test
    void adminOpKind_indicesAndNames_matchTheCatalogue() {
        for (AdminOpKind kind : AdminOpKind.values()) {
            assertThat(kind.index()).as(kind.name()).isEqualTo(kind.ordinal());
            assertThat(AdminOpKind.fromIndex(kind.index())).contains(kind);
            assertThat(AdminOpKind.fromJsonName(kind.jsonName())).contains(kind);
        }
        assertThat(Arrays.stream(AdminOpKind.values()).map(AdminOpKind::jsonName)).containsExactly(
                "create_channel", "delete_channel", "rename_channel", "set_visibility", "acl_add",
                "acl_remove", "invite_create", "invite_revoke", "kick", "ban", "user_remove",
                "machine_remove", "machine_add", "acl_list", "unban", "ban_list", "invite_list");
        assertThat(AdminOpKind.fromIndex(17)).isEmpty();
    }

    @Test
    void protocolErrorKind_indicesAndNames_matchTheCatalogue() {
        for (ProtocolErrorKind kind : ProtocolErrorKind.values()) {
            assertThat(kind.index()).as(kind.name()).isEqualTo(kind.ordinal());
            assertThat(ProtocolErrorKind.fromIndex(kind.index())).contains(kind);
            assertThat(ProtocolErrorKind.fromJsonName(kind.jsonName())).contains(kind);
        }
        assertThat(Arrays.stream(ProtocolErrorKind.values()).map(ProtocolErrorKind::jsonName))
                .containsExactly("version_mismatch", "malformed_frame", "unauthorized",
                        "not_found", "internal");
    }

    @Test
    void payloadKind_indicesAndNames_matchTheCatalogue() {
        assertThat(PayloadKind.PLAIN.index()).isZero();
        assertThat(PayloadKind.ENCRYPTED.index()).isOne();
        assertThat(PayloadKind.fromIndex(1)).contains(PayloadKind.ENCRYPTED);
        assertThat(PayloadKind.fromIndex(2)).isEmpty();
        assertThat(PayloadKind.PLAIN.jsonName()).isEqualTo("plain");
        assertThat(PayloadKind.ENCRYPTED.jsonName()).isEqualTo("encrypted");
    }
}
