package conclave.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON encoding of PROTOCOL.md §4: its examples, its shapes and its error messages. */
class JsonFrameCodecTest {
    private static final SessionPath AWR = new SessionPath("aaron", "workstation", "razel");

    private final JsonFrameCodec codec = new JsonFrameCodec();

    /** JSON written with single quotes, which reads better inside Java strings. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void decode_protocolExamples_giveTheirFrames() throws DecodeException {
        String key = Bytes.of(new byte[32]).toBase64Url();
        String signature = Bytes.of(new byte[64]).toBase64Url();

        assertThat(codec.decode(json("{'type':'hello','protocol_version':1,'session':'razel'}")))
                .isEqualTo(new Frame.Hello(1, "razel"));
        assertThat(codec.decode(json("{'type':'challenge','nonce':'q83vEjRWeJq8'}")))
                .isEqualTo(new Frame.Challenge(Bytes.fromBase64Url("q83vEjRWeJq8")));
        assertThat(codec.decode(json(
                        "{'type':'auth','pubkey':'" + key + "','signature':'" + signature + "'}")))
                .isEqualTo(new Frame.Auth(Bytes.of(new byte[32]), Bytes.of(new byte[64])));
        assertThat(codec.decode(json("{'type':'established','path':'aaron/workstation/razel'}")))
                .isEqualTo(new Frame.Established(AWR));
        assertThat(codec.decode(json("{'type':'server_info','admin':false}")))
                .isEqualTo(new Frame.ServerInfo(false));
        assertThat(codec.decode(json("{'type':'join','channel':'lobby'}")))
                .isEqualTo(new Frame.Join("lobby", Optional.empty()));
        assertThat(codec.decode(json("{'type':'joined','channel':'lobby'}")))
                .isEqualTo(new Frame.Joined("lobby"));
        assertThat(codec.decode(json("{'type':'channel_msg','channel':'lobby',"
                        + "'payload':{'plain':'hello, agents'}}")))
                .isEqualTo(new Frame.ChannelMsg(
                        "lobby", SessionPath.UNSTAMPED, new Payload.Plain("hello, agents")));
        assertThat(codec.decode(json("{'type':'ack','detail':null}")))
                .isEqualTo(new Frame.Ack(Optional.empty()));
        assertThat(codec.decode(json(
                        "{'type':'admin','op':'invite_create','channel':'ops','uses':1}")))
                .isEqualTo(new Frame.Admin(
                        new AdminOp.InviteCreate("ops", Optional.of(1L), Optional.empty())));
        assertThat(codec.decode(json(
                        "{'type':'error','kind':'not_found','message':'channel `x` not found'}")))
                .isEqualTo(new Frame.Error(new ProtocolError.NotFound("channel `x` not found")));
    }

    @Test
    void encode_ackWithoutDetail_writesNull() {
        String text = codec.encode(new Frame.Ack(Optional.empty()));

        assertThat(text).isEqualTo(json("{'type':'ack','detail':null}"));
    }

    @Test
    void encode_unitFrame_writesOnlyTheType() {
        String text = codec.encode(new Frame.Ping());

        assertThat(text).isEqualTo(json("{'type':'ping'}"));
    }

    @Test
    void encode_adminOp_flattensItsFieldsBesideOp() {
        var op = new AdminOp.InviteCreate("ops", Optional.of(1L), Optional.empty());

        String text = codec.encode(new Frame.Admin(op));

        assertThat(text).isEqualTo(json("{'type':'admin','op':'invite_create',"
                + "'channel':'ops','uses':1,'expires_in_secs':null}"));
    }

    @Test
    void encode_expiryAboveLongMax_writesTheUnsignedNumber() throws DecodeException {
        var op = new AdminOp.InviteCreate("ops", Optional.empty(), Optional.of(-1L));

        String text = codec.encode(new Frame.Admin(op));

        assertThat(text).contains(json("'expires_in_secs':18446744073709551615"));
        assertThat(codec.decode(text)).isEqualTo(new Frame.Admin(op));
    }

    @Test
    void encode_errorWithMessage_carriesKindAndMessage() {
        String text = codec.encode(new Frame.Error(new ProtocolError.NotFound("channel `x`")));

        assertThat(text)
                .isEqualTo(json("{'type':'error','kind':'not_found','message':'channel `x`'}"));
    }

    @Test
    void encode_versionMismatch_carriesOursAndTheirs() {
        String text = codec.encode(new Frame.Error(new ProtocolError.VersionMismatch(1, 2)));

        assertThat(text)
                .isEqualTo(json("{'type':'error','kind':'version_mismatch','ours':1,'theirs':2}"));
    }

    @Test
    void encode_channelMsg_writesPathsAsTextAndPayloadWrapped() {
        String text = codec.encode(new Frame.ChannelMsg("lobby", AWR, new Payload.Plain("hi")));

        assertThat(text).isEqualTo(json("{'type':'channel_msg','channel':'lobby',"
                + "'from':'aaron/workstation/razel','payload':{'plain':'hi'}}"));
    }

    @Test
    void encode_unstampedFrom_isLeftOut() {
        var frame = new Frame.ChannelMsg("lobby", SessionPath.UNSTAMPED, new Payload.Plain("hi"));

        String text = codec.encode(frame);

        assertThat(text).isEqualTo(
                json("{'type':'channel_msg','channel':'lobby','payload':{'plain':'hi'}}"));
    }

    @Test
    void encode_encryptedPayload_writesCiphertextAsBase64Url() {
        var payload = new Payload.Encrypted(Bytes.of((byte) 0xfb, (byte) 0xff), Optional.of("k1"));

        String text = codec.encode(new Frame.Whisper(AWR, new SessionPath("d", "x", "m"), payload));

        assertThat(text).isEqualTo(json("{'type':'whisper','from':'aaron/workstation/razel',"
                + "'target':'d/x/m','payload':{'encrypted':{'ciphertext':'-_8','key_id':'k1'}}}"));
    }

    @Test
    void encode_lists_writeArraysOfObjects() {
        var channels = List.of(new ChannelInfo("ops", Visibility.UNLISTED, true));

        String text = codec.encode(new Frame.ChannelList(channels));

        assertThat(text).isEqualTo(json("{'type':'channel_list',"
                + "'channels':[{'name':'ops','visibility':'unlisted','member':true}]}"));
    }

    @Test
    void decode_whisperWithoutFrom_isUnstamped() throws DecodeException {
        Frame frame = codec.decode(
                json("{'type':'whisper','target':'d/x/m','payload':{'plain':'psst'}}"));

        assertThat(frame).isEqualTo(new Frame.Whisper(
                SessionPath.UNSTAMPED, new SessionPath("d", "x", "m"), new Payload.Plain("psst")));
    }

    @Test
    void decode_unknownFields_areIgnored() throws DecodeException {
        Frame frame = codec.decode(json("{'type':'leave','channel':'ops','future':{'x':[1]}}"));

        assertThat(frame).isEqualTo(new Frame.Leave("ops"));
    }

    @Test
    void decode_optionalFieldNullOrAbsent_isEmpty() throws DecodeException {
        Frame withNull = codec.decode(json("{'type':'who','channel':null}"));
        Frame absent = codec.decode(json("{'type':'who'}"));

        assertThat(withNull).isEqualTo(absent).isEqualTo(new Frame.Who(Optional.empty()));
    }

    @Test
    void decode_expiresInSecsAtU64Max_isAccepted() throws DecodeException {
        Frame frame = codec.decode(json("{'type':'admin','op':'invite_create','channel':'ops',"
                + "'expires_in_secs':18446744073709551615}"));

        assertThat(frame).isEqualTo(new Frame.Admin(
                new AdminOp.InviteCreate("ops", Optional.empty(), Optional.of(-1L))));
    }

    static Stream<Arguments> invalidFrames() {
        return Stream.of(
                invalid("", "not a JSON object"),
                invalid("  ", "not a JSON object"),
                invalid("[1]", "not a JSON object"),
                invalid("null", "not a JSON object"),
                invalid("'hello'", "not a JSON object"),
                invalid("{}", "missing field `type`"),
                invalid("{'type':7}", "field `type` must be a string"),
                invalid("{'type':'foo'}", "unknown type `foo`"),
                invalid("{'type':'join'}", "missing field `channel`"),
                invalid("{'type':'join','channel':null}", "missing field `channel`"),
                invalid("{'type':'join','channel':5}", "field `channel` must be a string"),
                invalid("{'type':'join','channel':'c','token':[]}",
                        "field `token` must be a string"),
                invalid("{'type':'read_since','channel':'c','since_ms':1.5}",
                        "field `since_ms` must be an integer"),
                invalid("{'type':'read_since','channel':'c','since_ms':1.0}",
                        "field `since_ms` must be an integer"),
                invalid("{'type':'read_since','channel':'c','since_ms':'1'}",
                        "field `since_ms` must be an integer"),
                invalid("{'type':'read_since','channel':'c','since_ms':9223372036854775808}",
                        "field `since_ms` must be between -9223372036854775808 and"
                        + " 9223372036854775807"),
                invalid("{'type':'hello','protocol_version':-1,'session':'s'}",
                        "field `protocol_version` must be between 0 and 4294967295"),
                invalid("{'type':'hello','protocol_version':4294967296,'session':'s'}",
                        "field `protocol_version` must be between 0 and 4294967295"),
                invalid("{'type':'admin','op':'invite_create','channel':'c',"
                                + "'expires_in_secs':18446744073709551616}",
                        "field `expires_in_secs` must be between 0 and 18446744073709551615"),
                invalid("{'type':'admin','op':'invite_create','channel':'c','expires_in_secs':-1}",
                        "field `expires_in_secs` must be between 0 and 18446744073709551615"),
                invalid("{'type':'admin','op':'invite_create','channel':'c','uses':true}",
                        "field `uses` must be an integer"),
                invalid("{'type':'admin','op':'invite_create','channel':'c','uses':4294967296}",
                        "field `uses` must be between 0 and 4294967295"),
                invalid("{'type':'admin'}", "missing field `op`"),
                invalid("{'type':'admin','op':'nuke'}", "unknown op `nuke`"),
                invalid("{'type':'admin','op':'create_channel','name':'c','visibility':'secret'}",
                        "field `visibility` must be one of `public`, `unlisted`, `private`"),
                invalid("{'type':'error','kind':'oops','message':'m'}", "unknown kind `oops`"),
                invalid("{'type':'error','kind':'version_mismatch','ours':1}",
                        "missing field `theirs`"),
                invalid("{'type':'register','username':'u','machine':'m','pubkey':'AA=='}",
                        "field `pubkey` must be base64url without padding"),
                invalid("{'type':'register','username':'u','machine':'m','pubkey':'a+b/'}",
                        "field `pubkey` must be base64url without padding"),
                invalid("{'type':'register','username':'u','machine':'m','pubkey':'A'}",
                        "field `pubkey` must be base64url without padding"),
                invalid("{'type':'register','username':'u','machine':'m','pubkey':'AB'}",
                        "field `pubkey` must be base64url without padding"),
                invalid("{'type':'established','path':'a/b'}",
                        "field `path` must be a `user/machine/session` path"),
                invalid("{'type':'server_info','admin':'yes'}", "field `admin` must be a boolean"),
                invalid("{'type':'presence','sessions':{}}", "field `sessions` must be an array"),
                invalid("{'type':'presence','sessions':['a/w/r','bad']}",
                        "field `sessions[1]` must be a `user/machine/session` path"),
                invalid("{'type':'channel_list','channels':[{'name':'c','member':true}]}",
                        "missing field `channels[0].visibility`"),
                invalid("{'type':'channel_list','channels':[7]}",
                        "field `channels[0]` must be an object"),
                invalid("{'type':'history','channel':'c',"
                                + "'messages':[{'from':'a/w/r','ts_ms':1,'payload':{'plain':3}}]}",
                        "field `messages[0].payload.plain` must be a string"),
                invalid("{'type':'channel_msg','channel':'c','payload':'hi'}",
                        "field `payload` must be an object"),
                invalid("{'type':'channel_msg','channel':'c','payload':{}}",
                        "field `payload` must be an object with exactly one of"
                        + " `plain` and `encrypted`"),
                invalid("{'type':'channel_msg','channel':'c',"
                                + "'payload':{'plain':'a','encrypted':{}}}",
                        "field `payload` must be an object with exactly one of"
                        + " `plain` and `encrypted`"),
                invalid("{'type':'channel_msg','channel':'c',"
                                + "'payload':{'encrypted':{'key_id':'k'}}}",
                        "missing field `payload.encrypted.ciphertext`"),
                invalid("{'type':'channel_msg','channel':'c','from':'x','payload':{'plain':'a'}}",
                        "field `from` must be a `user/machine/session` path"),
                invalid("{'type':'leave','channel':'\\ud800'}",
                        "field `channel` must be valid Unicode (it has an unpaired surrogate)"),
                invalid("{'type':'leave','channel':'\\udc00\\ud800'}",
                        "field `channel` must be valid Unicode (it has an unpaired surrogate)"),
                invalid("{'type':'whisper','target':'a/b','payload':{'plain':'x'}}",
                        "field `target` must be a `user/machine/session` path or a username"),
                invalid("{'type':'capabilities','features':'inbox'}", "field `features` must be an array"),
                invalid("{'type':'receipt','message_id':1,'state':'seen'}",
                        "field `state` must be one of `delivered`, `read`"),
                invalid("{'type':'mark_read','message_id':-1}",
                        "field `message_id` must be between 0 and 18446744073709551615"),
                invalid("{'type':'inbox_whisper','message_id':1,'from':'a/w/r','target':'d','payload':{'plain':'x'}}",
                        "missing field `ts_ms`"));
    }

    @Test
    void extensionFrames_documentedExamples_decodeAndEncodeExactly() throws DecodeException {
        List<String> examples = List.of(
                "{'type':'capabilities','features':['inbox']}",
                "{'type':'receipt','message_id':17,'state':'delivered'}",
                "{'type':'mark_read','message_id':17}",
                "{'type':'inbox_whisper','message_id':17,'from':'alice/laptop/docs','target':'bob',"
                        + "'ts_ms':1751500000000,'payload':{'plain':'ping me'}}");

        for (String example : examples) {
            Frame frame = codec.decode(json(example));
            assertThat(codec.encode(frame)).isEqualTo(json(example));
        }
        assertThat(codec.decode(json(examples.get(3)))).isEqualTo(new Frame.InboxWhisper(17,
                new SessionPath("alice", "laptop", "docs"), SessionPath.ofUser("bob"), 1751500000000L,
                new Payload.Plain("ping me")));
    }

    @Test
    void decode_whisperToBareUsername_isAUserOnlyTarget() throws DecodeException {
        Frame frame = codec.decode(json("{'type':'whisper','target':'bob','payload':{'plain':'x'}}"));

        assertThat(((Frame.Whisper) frame).target()).isEqualTo(SessionPath.ofUser("bob"));
        assertThat(((Frame.Whisper) frame).target().isUserOnly()).isTrue();
    }

    private static Arguments invalid(String singleQuotedJson, String message) {
        return Arguments.of(json(singleQuotedJson), message);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidFrames")
    void decode_invalidFrame_messageNamesTheFieldAndRule(String json, String message) {
        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOf(DecodeException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'type':'ping'",
        "{'type':'ping'} {}",
        "{'type':'ping'} x",
        "{'type':'leave','channel':'a','channel':'b'}",
        "{'type':'ping','x':NaN}",
        "{type:'ping'}"
    })
    void decode_notOneValidJsonValue_isRejectedAsInvalidJson(String singleQuoted) {
        assertThatThrownBy(() -> codec.decode(json(singleQuoted)))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("not valid JSON: ");
    }

    @Test
    void decode_pairedSurrogatesInAString_areAccepted() throws DecodeException {
        Frame frame = codec.decode(json("{'type':'leave','channel':'\\ud83d\\ude00'}"));

        assertThat(frame).isEqualTo(new Frame.Leave("\uD83D\uDE00"));
    }

    @Test
    void decode_longUnknownType_isEchoedCutTo64CodePoints() {
        String type = "x".repeat(100);

        assertThatThrownBy(() -> codec.decode(json("{'type':'" + type + "'}")))
                .hasMessage("unknown type `" + "x".repeat(64) + "…`");
    }

    @Test
    void decode_textOfExactly16Mi_isDecoded() throws DecodeException {
        String frame = json("{'type':'ping'}");
        String text = frame + " ".repeat(Frame.MAX_ENCODED_BYTES - frame.length());

        assertThat(codec.decode(text)).isEqualTo(new Frame.Ping());
    }

    @Test
    void decode_textOver16Mi_isRejectedUnparsed() {
        String text = " ".repeat(Frame.MAX_ENCODED_BYTES + 1);

        assertThatThrownBy(() -> codec.decode(text))
                .isInstanceOf(DecodeException.class)
                .hasMessage("frame of 16777217 characters exceeds the 16777216-byte cap");
    }

    @Test
    void decode_deeplyNestedUnknownField_isRejectedWithoutStackOverflow() {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> codec.decode(json("{'type':'ping','x':" + nested + "}")))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("not valid JSON: ");
    }
}
