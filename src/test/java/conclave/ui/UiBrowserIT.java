package conclave.ui;

import static org.assertj.core.api.Assertions.assertThat;

import conclave.ChildProcess;
import conclave.Launcher;
import conclave.client.ControlOptions;
import conclave.client.ControlSession;
import conclave.client.ServerUrl;
import conclave.identity.KeyFile;
import conclave.protocol.Frame;
import conclave.protocol.Payload;
import conclave.protocol.SessionPath;
import conclave.server.ServeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * {@code conclave ui} end to end in a real headless Chromium: a {@code ./conclave serve} process,
 * aaron's console as a {@code ./conclave ui} process, and david as other launcher processes
 * ({@code send}, {@code tail}) from his own config directory. Each test uses its own channel.
 * Saves screenshots of the main views into {@code target/screenshots/}, or into the directory the
 * system property {@code conclave.screenshots} names ({@code docs/img} refreshes the README's).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserIT {
    /** Generous: JVM starts and a loaded two-core machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The issue's bound for a message from another identity to show up in the console. */
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(2);
    private static final Path SCREENSHOTS =
            Launcher.ROOT.resolve(System.getProperty("conclave.screenshots", "target/screenshots"));

    @TempDir
    static Path temp;

    private static ServeProcess serve;
    private static String url;
    private static Path aaron;
    private static Path david;
    private static ChildProcess console;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        serve = ServeProcess.start("--ephemeral"); // aaron is channel admin of what he creates, nothing more
        url = "ws://127.0.0.1:" + serve.address().getPort();
        aaron = temp.resolve("aaron");
        david = temp.resolve("david");
        ok(aaron, "register", "--server", url, "--username", "aaron", "--machine", "workstation");
        ok(david, "register", "--server", url, "--username", "david", "--machine", "desktop");
        ok(aaron, "channel", "create", "lobby", "--server", url);
        ok(aaron, "channel", "create", "ops", "--server", url, "--visibility", "private");
        ok(aaron, "send", "--server", url, "--channel", "lobby", "Welcome to **lobby**. Build notes:\n\n```\n./mvnw -B verify\n```");
        ok(david, "send", "--server", url, "--channel", "lobby", "Morning! I'm on the flaky test.");
        postAsAgent("lobby", "Found it: `LinkTest` waits on a fixed sleep. Patch:\n\n```java\nawait().atMost(WAIT).until(link::isUp);\n```");

        console = Launcher.start(temp, Map.of(), "--config-dir", aaron.toString(), "ui", "--no-open", "--port", "0");
        console.awaitOut("Ctrl-C to stop", WAIT);
        Matcher address = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]+)").matcher(console.out());
        assertThat(address.find()).as("console address in %s", console.out()).isTrue();

        chromium = HeadlessChromium.start(temp);
        browser = chromium.driver();
        browser.get(address.group(1));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (console != null) {
            console.signal("INT");
            ChildProcess.Result result = console.waitFor(WAIT);
            assertThat(result.exitCode()).as("exit code of conclave ui after Ctrl-C; stderr: %s", result.err()).isZero();
            console.close();
        }
        if (serve != null) {
            serve.close();
        }
    }

    private static String ok(Path configDir, String... args) {
        List<String> all = new ArrayList<>(List.of("--config-dir", configDir.toString()));
        all.addAll(List.of(args));
        ChildProcess.Result result = Launcher.run(temp, all.toArray(String[]::new));
        assertThat(result.exitCode()).as("exit code of %s; stderr: %s", all, result.err()).isZero();
        return result.out();
    }

    /** A message from an agent's session ({@code david/desktop/reviewer}), as a bridge would send it. */
    private static void postAsAgent(String channel, String text) {
        ControlOptions options = ControlOptions.of(ServerUrl.parse(url), new KeyFile(david.resolve("key")).load())
                .withHandle("reviewer");
        try (ControlSession session = ControlSession.login(options)) {
            session.request(new Frame.Join(channel, Optional.empty()), Frame.Joined.class);
            session.request(new Frame.ChannelMsg(channel, SessionPath.UNSTAMPED, new Payload.Plain(text)), Frame.Ack.class);
        }
    }

    private static ChildProcess.Result run(Path configDir, String... args) {
        List<String> all = new ArrayList<>(List.of("--config-dir", configDir.toString()));
        all.addAll(List.of(args));
        return Launcher.run(temp, all.toArray(String[]::new));
    }

    private static ChildProcess tail(Path configDir, String channel) {
        ChildProcess tail = Launcher.start(temp, Map.of(),
                "--config-dir", configDir.toString(), "tail", "--server", url, "--channel", channel);
        tail.awaitOut("tailing #" + channel, WAIT);
        return tail;
    }

    private static WebElement waitFor(By what) {
        return chromium.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    private static By channelButton(String channel) {
        return By.cssSelector("#servers .channel-button[data-channel='" + channel + "']");
    }

    private static By messageContaining(String text) {
        return By.xpath("//ol[@id='messages']/li[contains(@class,'message')][.//div[contains(@class,'body')][contains(., "
                + xpathLiteral(text) + ")]]");
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    /** Opens {@code channel} in the console and waits until its first catch-up is done. */
    private static void open(String channel) {
        chromium.waiting(WAIT).until(ExpectedConditions.elementToBeClickable(channelButton(channel))).click();
        chromium.waiting(WAIT).until(ExpectedConditions.textToBe(By.id("channel-name"), "# " + channel));
        chromium.waiting(WAIT).until(driver -> driver.findElement(By.id("history-state")).getText().startsWith("History since")
                || driver.findElement(By.id("history-state")).getText().startsWith("This is the start"));
    }

    private static void compose(String text) {
        WebElement composer = browser.findElement(By.id("composer-text"));
        composer.clear();
        composer.sendKeys(text);
        composer.sendKeys(Keys.ENTER);
        chromium.waiting(WAIT).until(driver -> driver.findElement(By.id("composer-text")).getAttribute("value").isEmpty());
    }

    private static void createChannel(String name) {
        WebElement server = browser.findElement(By.cssSelector("#servers .server"));
        WebElement actions = server.findElement(By.cssSelector(".server-actions"));
        if (actions.getAttribute("open") == null) {
            actions.findElement(By.tagName("summary")).click();
        }
        WebElement nameField = actions.findElement(By.cssSelector(".create-name"));
        nameField.clear();
        nameField.sendKeys(name);
        actions.findElement(By.cssSelector(".create-form button[type=submit]")).click();
        chromium.waiting(WAIT).until(ExpectedConditions.textToBe(By.id("channel-name"), "# " + name));
    }

    private static void confirm() {
        WebElement ok = waitFor(By.id("confirm-ok"));
        ok.click();
        chromium.waiting(WAIT).until(driver -> !driver.findElement(By.id("confirm")).isDisplayed());
    }

    private static void screenshot(String name) throws IOException {
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOTS);
        Files.copy(png, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(1)
    void console_showsTheServerConnected_withItsChannels() {
        WebElement state = waitFor(By.cssSelector("#servers .server .link-state"));
        chromium.waiting(WAIT).until(ExpectedConditions.textToBePresentInElement(state, "connected"));
        assertThat(browser.findElement(By.cssSelector("#servers .server .server-url")).getText()).isEqualTo(url);
        assertThat(browser.findElement(By.cssSelector("#servers .server .server-identity")).getText())
                .isEqualTo("aaron/workstation/ui");
        waitFor(channelButton("lobby"));
        WebElement ops = waitFor(channelButton("ops"));
        assertThat(ops.getText()).contains("private").contains("member");
        assertThat(browser.getCurrentUrl()).as("the token is stripped from the address bar").doesNotContain("token");
    }

    @Test
    @Order(2)
    void openingAChannel_catchesUpOnHistory_withSenderAndBadges() throws IOException {
        open("lobby");

        WebElement welcome = waitFor(messageContaining("Welcome to"));
        assertThat(welcome.findElement(By.cssSelector(".sender")).getText()).startsWith("aaron/workstation/cli-");
        assertThat(welcome.findElement(By.cssSelector(".badge")).getText()).isEqualTo("human");
        assertThat(welcome.findElements(By.cssSelector(".body strong"))).extracting(WebElement::getText).containsExactly("lobby");
        assertThat(welcome.findElement(By.cssSelector(".body pre code")).getText()).isEqualTo("./mvnw -B verify");
        waitFor(messageContaining("on the flaky test"));
        WebElement agent = waitFor(messageContaining("Found it"));
        assertThat(agent.getAttribute("data-from")).isEqualTo("david/desktop/reviewer");
        assertThat(agent.findElement(By.cssSelector(".badge")).getText()).isEqualTo("agent");
        assertThat(agent.findElement(By.cssSelector(".body pre code")).getText()).isEqualTo("await().atMost(WAIT).until(link::isUp);");
        screenshot("ui-channel.png");
    }

    @Test
    @Order(3)
    void messageFromAnotherIdentity_showsUpWithinTwoSeconds() {
        open("lobby");

        ok(david, "send", "--server", url, "--channel", "lobby", "live from david");
        long sentAt = System.nanoTime(); // `send` exits after the server acked, i.e. after the fan-out

        WebElement message = chromium.waiting(LIVE_WITHIN).until(
                ExpectedConditions.visibilityOfElementLocated(messageContaining("live from david")));
        Duration took = Duration.ofNanos(System.nanoTime() - sentAt);
        System.out.println("live message shown " + took.toMillis() + " ms after `conclave send` returned");
        assertThat(message.getAttribute("data-from")).startsWith("david/desktop/cli-");
        assertThat(message.getAttribute("data-source")).isEqualTo("live");
    }

    @Test
    @Order(4)
    void postedMessage_reachesATailOfAnotherIdentity() {
        try (ChildProcess tail = tail(david, "lobby")) {
            open("lobby");

            compose("posted from the **console**");

            tail.awaitOut("[lobby] aaron/workstation/ui: posted from the **console**", WAIT);
            waitFor(messageContaining("posted from the console"));
        }
    }

    @Test
    @Order(6)
    void clickingANameInPresence_whispersToThatSession() {
        try (ChildProcess tail = tail(david, "lobby")) {
            String davidPath = "david/desktop/cli-" + tail.pid();
            open("lobby"); // opening refreshes the presence list
            By person = By.cssSelector("#presence .person[data-path='" + davidPath + "'] .person-name");
            chromium.waiting(WAIT).until(ExpectedConditions.elementToBeClickable(person)).click();
            chromium.waiting(WAIT).until(ExpectedConditions.textToBe(By.id("whisper-name"), davidPath));

            compose("psst, only you");

            tail.awaitOut("[whisper] aaron/workstation/ui: psst, only you", WAIT);
            WebElement sent = waitFor(messageContaining("psst, only you"));
            assertThat(sent.getAttribute("class")).contains("whisper-out");
        }
    }

    @Test
    @Order(7)
    void channelAdmin_bansAUser_afterConfirming() throws IOException {
        createChannel("moderated");
        ok(david, "send", "--server", url, "--channel", "moderated", "hi from david");
        try (ChildProcess tail = tail(david, "moderated")) {
            String davidPath = "david/desktop/cli-" + tail.pid();
            open("moderated");
            waitFor(By.id("admin-panel"));
            By ban = By.cssSelector("#presence .person[data-path='" + davidPath + "'] .ban-button");
            chromium.waiting(WAIT).until(ExpectedConditions.elementToBeClickable(ban));
            screenshot("ui-admin.png");

            browser.findElement(ban).click();
            assertThat(waitFor(By.id("confirm-text")).getText()).startsWith("Ban david from #moderated?");
            confirm();

            chromium.waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("ban-list"), "david"));
            assertThat(ok(aaron, "bans", "--server", url, "--channel", "moderated")).contains("david");
            ChildProcess.Result refused = run(david, "send", "--server", url, "--channel", "moderated", "let me back in");
            assertThat(refused.exitCode()).isNotZero();
        }
    }

    @Test
    @Order(8)
    void cancellingTheConfirmation_changesNothing() {
        open("moderated");
        By unban = By.cssSelector("#ban-list .unban-button");
        chromium.waiting(WAIT).until(ExpectedConditions.elementToBeClickable(unban)).click();
        waitFor(By.id("confirm-cancel")).click();
        chromium.waiting(WAIT).until(driver -> !driver.findElement(By.id("confirm")).isDisplayed());

        assertThat(ok(aaron, "bans", "--server", url, "--channel", "moderated")).contains("david");
    }

    @Test
    @Order(9)
    void hostileBodies_renderAsText_andNeverRun() {
        open("lobby");
        String script = "<script>window.pwned = 'script'; alert(1)</script>";
        String image = "<img src=x onerror=\"window.pwned = 'img'; alert(2)\">";
        String link = "[click me](javascript:window.pwned='link')";

        ok(david, "send", "--server", url, "--channel", "lobby", script);
        ok(david, "send", "--server", url, "--channel", "lobby", image);
        ok(david, "send", "--server", url, "--channel", "lobby", link);

        WebElement scriptMessage = waitFor(messageContaining("<script>"));
        WebElement imageMessage = waitFor(messageContaining("onerror="));
        WebElement linkMessage = waitFor(messageContaining("click me"));
        assertThat(scriptMessage.findElement(By.cssSelector(".body")).getText()).isEqualTo(script);
        assertThat(imageMessage.findElement(By.cssSelector(".body")).getText()).isEqualTo(image);
        assertThat(browser.findElements(By.cssSelector("#messages script, #messages img, #messages iframe"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#messages [onerror], #messages [onclick]"))).isEmpty();
        for (WebElement anchor : linkMessage.findElements(By.cssSelector("a"))) {
            String href = anchor.getAttribute("href");
            assertThat(href == null || !href.startsWith("javascript:")).as("href %s", href).isTrue();
            anchor.click();
        }
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(alertIsOpen()).as("an alert is open").isFalse();
    }

    @Test
    @Order(10)
    void longBodies_startCollapsed_andExpand() {
        open("lobby");
        StringBuilder body = new StringBuilder("A long report:\n\n");
        for (int line = 1; line <= 40; line++) {
            body.append("- finding ").append(line).append('\n');
        }
        ok(david, "send", "--server", url, "--channel", "lobby", body.toString());

        WebElement message = waitFor(messageContaining("finding 40"));
        assertThat(message.findElement(By.cssSelector(".body")).getAttribute("class")).contains("collapsed");
        message.findElement(By.cssSelector(".more")).click();
        assertThat(message.findElement(By.cssSelector(".body")).getAttribute("class")).doesNotContain("collapsed");
    }

    @Test
    @Order(5)
    void phoneWidth_collapsesTheSidebar() throws IOException {
        open("lobby");
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        try {
            chromium.waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("toggle-sidebar")));
            WebElement sidebar = browser.findElement(By.id("sidebar"));
            chromium.waiting(WAIT).until(driver -> sidebar.getRect().getX() + sidebar.getRect().getWidth() <= 0);
            screenshot("ui-phone.png");

            browser.findElement(By.id("toggle-sidebar")).click();
            chromium.waiting(WAIT).until(driver -> sidebar.getRect().getX() >= 0);
            screenshot("ui-phone-sidebar.png");
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(11)
    void joinByName_andByInviteToken() {
        ok(david, "channel", "create", "davids-room", "--server", url);
        ok(david, "channel", "create", "secret", "--server", url, "--visibility", "private");
        String invite = ok(david, "invite", "create", "--server", url, "--channel", "secret", "--uses", "1");
        String token = invite.substring(invite.indexOf("invite token: ") + "invite token: ".length()).trim();

        joinForm("davids-room", "");
        WebElement room = waitFor(channelButton("davids-room"));
        assertThat(room.getAttribute("class")).contains("joined");
        assertThat(room.getText()).doesNotContain("member"); // a public channel needs no membership

        joinForm("secret", token);
        assertThat(waitFor(channelButton("secret")).getText()).contains("private").contains("member");
        assertThat(ok(david, "acl", "list", "--server", url, "--channel", "secret")).contains("aaron");
    }

    @Test
    @Order(12)
    void channelAdmin_managesAccessInvitesAndSettings_eachAfterConfirming() {
        createChannel("scratch");
        WebElement panel = waitFor(By.id("admin-panel"));
        for (WebElement summary : panel.findElements(By.tagName("summary"))) {
            if (summary.findElement(By.xpath("..")).getAttribute("open") == null) {
                summary.click();
            }
        }

        type(By.id("acl-user"), "david");
        browser.findElement(By.cssSelector("#acl-form button")).click();
        confirm();
        chromium.waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("acl-list"), "david"));

        browser.findElement(By.cssSelector("#invite-form button")).click();
        confirm();
        String token = waitFor(By.id("invite-new")).getText().replace("invite token: ", "");
        chromium.waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("invite-list"), token));
        assertThat(ok(aaron, "invite", "list", "--server", url, "--channel", "scratch")).contains(token);
        browser.findElement(By.cssSelector("#invite-list button")).click();
        confirm();
        chromium.waiting(WAIT).until(driver -> !driver.findElement(By.id("invite-list")).getText().contains(token));

        browser.findElement(By.cssSelector("#visibility-value option[value='unlisted']")).click();
        browser.findElement(By.cssSelector("#visibility-form button")).click();
        confirm();
        chromium.waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(channelButton("scratch"), "unlisted"));

        type(By.id("rename-name"), "scratch-2");
        browser.findElement(By.cssSelector("#rename-form button")).click();
        confirm();
        chromium.waiting(WAIT).until(ExpectedConditions.textToBe(By.id("channel-name"), "# scratch-2"));
        waitFor(channelButton("scratch-2"));

        browser.findElement(By.id("delete-channel")).click();
        assertThat(waitFor(By.id("confirm-text")).getText()).startsWith("Delete #scratch-2");
        confirm();
        chromium.waiting(WAIT).until(ExpectedConditions.invisibilityOfElementLocated(channelButton("scratch-2")));
        assertThat(ok(aaron, "channel", "list", "--server", url)).doesNotContain("scratch");
    }

    private static void joinForm(String channel, String token) {
        WebElement actions = browser.findElement(By.cssSelector("#servers .server .server-actions"));
        if (actions.getAttribute("open") == null) {
            actions.findElement(By.tagName("summary")).click();
        }
        type(By.cssSelector("#servers .server .join-channel"), channel);
        type(By.cssSelector("#servers .server .join-token"), token);
        actions.findElement(By.cssSelector(".join-form button[type=submit]")).click();
        chromium.waiting(WAIT).until(ExpectedConditions.textToBe(By.id("channel-name"), "# " + channel));
    }

    private static void type(By field, String text) {
        WebElement element = waitFor(field);
        element.clear();
        element.sendKeys(text);
    }

    private static boolean alertIsOpen() {
        try {
            browser.switchTo().alert();
            return true;
        } catch (NoAlertPresentException none) {
            return false;
        }
    }
}
