package dev.churnsentinel.intervention.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.intervention.notify.WebhookReceiver;
import dev.churnsentinel.intervention.signin.ConsoleLinks;
import dev.churnsentinel.proto.events.v1.Tier;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A manager's journeys through the console in a real browser (Debian's chromium, driven by Playwright), on a phone's
 * screen. Screenshots of each page land in {@code target/console-screenshots/} for review.
 */
@QuarkusTest
@WithTestResource(InfrastructureTestResource.class)
@WithTestResource(WebhookReceiver.class)
class ConsoleBrowserTest {
    private static final Path SHOTS = Paths.get("target", "console-screenshots");
    private static Playwright playwright;
    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    ConsoleLinks links;

    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void launch() throws Exception {
        String chromium = chromium();
        if (chromium == null) {
            if (System.getenv("CI") != null) {
                fail("chromium is not installed: .ci/run installs Debian's chromium and fonts-noto-cjk");
            }
            assumeTrue(false, "no chromium on the PATH: install Debian's chromium to run the browser tests");
        }
        Files.createDirectories(SHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Paths.get(chromium))
                .setArgs(List.of("--no-sandbox")).setHeadless(true));
    }

    @AfterAll
    static void close() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void phone() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setLocale("en-US")
                .setDeviceScaleFactor(1).setIsMobile(true).setHasTouch(true));
        page = context.newPage();
        page.onDialog(dialog -> fail("a dialog opened: " + dialog.message()));
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void fromTheEmailLinkAManagerAcknowledgesAndTheQueueShowsIt() {
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed("WEB-" + UUID.randomUUID().toString().substring(0, 8));
        open(mail.link());
        assertThat(page.locator("#status")).hasText("Open");
        assertThat(page.locator("blockquote").first()).containsText("解约");
        shot("task");
        noSidewaysScroll();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge")).click();
        assertThat(page.locator("#status")).hasText("Acknowledged");
        assertThat(page.locator("#audit")).containsText("Acknowledged");
        assertThat(page.locator("#audit")).containsText(mail.manager());

        page.navigate(url("/console"));
        Locator row = page.locator("[data-task='" + mail.taskId() + "']");
        assertThat(row).containsText("Acknowledged");
        shot("queue");
        noSidewaysScroll();
    }

    @Test
    void aManagerReassignsThenResolvesWithAnOutcome() {
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed("WEB-" + UUID.randomUUID().toString().substring(0, 8));
        open(mail.link());
        page.locator("summary", new Page.LocatorOptions().setHasText("Reassign")).click();
        page.locator("select[name=assigneeId]").selectOption("rd-01");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reassign")).click();
        assertThat(page.locator("#panel")).containsText("陈总监");
        assertThat(page.locator("#audit")).containsText("Reassigned");

        page.locator("summary", new Page.LocatorOptions().setHasText("Resolve")).click();
        page.locator("select[name=outcome]").selectOption("RETAINED");
        page.locator("textarea[name=rootCause]").fill("空调异味反复维修未解决");
        page.locator("input[name=cost]").fill("500");
        shot("resolve-form");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve")).click();
        assertThat(page.locator("#status")).hasText("Resolved");
        assertThat(page.locator("#panel")).containsText("Retained");
        noSidewaysScroll();
    }

    @Test
    void anIllegalMoveShowsTheRefusalNotAStackTrace() {
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed("WEB-" + UUID.randomUUID().toString().substring(0, 8));
        open(mail.link());
        page.locator("summary", new Page.LocatorOptions().setHasText("Resolve")).click();
        page.locator("select[name=outcome]").selectOption("FALSE_ALARM");
        // someone else resolves it meanwhile, through the API
        io.restassured.RestAssured.given().auth().oauth2("k-manage").contentType("application/json")
                .body("{\"outcome\": \"RETAINED\"}").post("/api/v1/tasks/" + mail.taskId() + "/resolve").then().statusCode(200);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve")).click();
        assertThat(page.locator("[role=alert]")).containsText("cannot be resolved");
        assertTrue(!page.content().contains("Exception"), "no stack trace");
    }

    @Test
    void anotherTenantsTaskIsNotFound() {
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed("WEB-" + UUID.randomUUID().toString().substring(0, 8));
        String acme = links.link("acme", "someone@acme.example.com", null);
        open(acme);
        page.navigate(url("/console/tasks/" + mail.taskId()));
        assertThat(page.locator("h1")).hasText("Not found");
        assertTrue(!page.content().contains(mail.taskId().substring(0, 8) + "") || !page.content().contains("解约"));
    }

    @Test
    void hostileMarkupInTheCustomersWordsStaysText() {
        String customer = "WEB-" + UUID.randomUUID().toString().substring(0, 8);
        String manager = "xss-" + customer.toLowerCase() + "@example.com";
        Fixtures.profile(customer, manager);
        Fixtures.awaitProfile();
        String hostile = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>我们要解约";
        Fixtures.send(Fixtures.TIER_CHANGES, customer, Fixtures.change(customer, Tier.RED, false, false).toBuilder()
                .clearEvidence().addEvidence(hostile).build().toByteArray());
        String taskId = Fixtures.awaitTasks(customer, list -> true).getString("items[0].id");
        open(links.link("demo", manager, UUID.fromString(taskId)));
        assertThat(page.locator("blockquote").first()).containsText("<script>window.pwned=2</script>");
        assertEquals(0, page.locator("blockquote img, blockquote script").count());
        assertEquals("undefined", String.valueOf(page.evaluate("() => typeof window.pwned")));
    }

    @Test
    void aTaskOfAnErasedCustomerOpensWithoutTheirNameOrWords() {
        String customer = "WEB-" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleFixtures.Delivered mail = ConsoleFixtures.redTaskMailed(customer);
        String erasure = UUID.randomUUID().toString();
        Fixtures.send(Fixtures.INGEST, customer, dev.churnsentinel.proto.events.v1.IngestRecord.newBuilder()
                .setId(UUID.randomUUID().toString()).setTenant("demo").setCustomerId(customer)
                .setAcceptedAt(java.time.OffsetDateTime.now().toString())
                .setErasure(dev.churnsentinel.proto.events.v1.CustomerErasureRequested.newBuilder().setErasureId(erasure)
                        .setRequestedAt(java.time.Instant.now().toString()).setRequestedBy("api-key:demo"))
                .build().toByteArray());
        Fixtures.await(() -> io.restassured.RestAssured.given().auth().oauth2("k-manage").get("/api/v1/tasks/" + mail.taskId())
                .then().statusCode(200).extract().jsonPath().getString("customerId"), id -> id.startsWith("erased:"),
                "the task anonymised");
        open(mail.link());
        assertThat(page.locator("#status")).hasText("Open");
        assertThat(page.locator("h1")).hasText("erased:" + erasure);
        assertThat(page.locator("#erased")).containsText("asked to be forgotten");
        assertEquals(0, page.locator("blockquote").count(), "no quote of the customer");
        assertEquals(0, page.locator("h1 a").count(), "no link to a customer page that is gone");
        assertTrue(!page.content().contains("解约") && !page.content().contains("王女士") && !page.content().contains(customer),
                "nothing of the customer on the page");
        shot("task-erased");
        noSidewaysScroll();
    }

    @Test
    void anAdminSeesTheTeamDashboardAndThePlaybooks() {
        ConsoleFixtures.redTaskMailed("WEB-" + UUID.randomUUID().toString().substring(0, 8));
        open(links.link("demo", "admin@demo.example.com", null));
        page.navigate(url("/console?scope=ALL"));
        assertThat(page.locator("#rows")).containsText("RED");
        page.navigate(url("/console/dashboard"));
        assertThat(page.locator("h2").first()).hasText("Customers per tier now");
        assertThat(page.locator("svg").first()).isVisible();
        shot("dashboard");
        noSidewaysScroll();
        page.navigate(url("/console/admin/playbooks"));
        assertThat(page.locator("h1")).containsText("Playbooks");
        shot("playbooks");
        page.locator("header a[hreflang=zh]").click();
        assertThat(page.locator("h1")).containsText("处置预案");
        shot("playbooks-zh");
    }

    @Test
    void anAdminTestsTheTenantsRobotsOnTheSettingsPageInEnglishAndChinese() {
        String accepts = "ding-" + UUID.randomUUID().toString().substring(0, 8);
        String refuses = "keywords-" + UUID.randomUUID().toString().substring(0, 8);
        for (String[] robot : List.of(new String[]{accepts, "/dingtalk"}, new String[]{refuses, "/dingtalk-refuses"})) {
            io.restassured.RestAssured.given().auth().oauth2("k-console-admin").contentType("application/json")
                    .body(Map.of("url", WebhookReceiver.base() + robot[1] + "?access_token=" + robot[0] + "0123456789abcdef",
                            "format", "DINGTALK", "secret", "SEC-browser", "tiers", List.of("RED", "ORANGE")))
                    .put("/api/v1/admin/webhooks/" + robot[0]).then().statusCode(201);
        }
        open(links.link("consoleadmin", "admin@consoleadmin.example.com", null));
        page.locator("header a[href='/console/settings']").click();
        assertThat(page.locator("h1")).hasText("Robots and default contacts");
        Locator ok = page.locator("[data-robot='" + accepts + "']");
        assertThat(ok.locator("code.url")).hasText(WebhookReceiver.base() + "/dingtalk?access_token=****cdef");
        ok.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send test message")).click();
        assertThat(ok.locator(".test-answer")).containsText("Delivered · HTTP 200");
        assertThat(ok.locator(".test-answer pre")).hasText("{\"errcode\":0,\"errmsg\":\"ok\"}");
        Locator refused = page.locator("[data-robot='" + refuses + "']");
        refused.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send test message")).click();
        assertThat(refused.locator(".test-answer")).containsText("Not delivered");
        assertThat(refused.locator(".test-answer")).containsText("310000");
        noSidewaysScroll();
        shot("settings");

        page.locator("#robot-form summary").click();
        page.locator("#robot-form input[name=name]").fill("plain-" + accepts);
        page.locator("#robot-form select[name=format]").selectOption("WECOM");
        page.locator("#robot-form input[name=url]").fill("ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save robot")).click();
        assertThat(page.locator("#robot-form .field-error")).containsText("must be an absolute https://");
        assertThat(page.locator("#robot-form input[name=url]")).hasValue("ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x");
        noSidewaysScroll();
        shot("settings-form-error");

        page.navigate(url("/console/settings"));
        page.locator("header a[hreflang=zh]").click();
        assertThat(page.locator("h1")).hasText("机器人与默认联系人");
        ok.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("发送测试消息")).click();
        assertThat(ok.locator(".test-answer")).containsText("已送达 · HTTP 200");
        refused.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("发送测试消息")).click();
        assertThat(refused.locator(".test-answer")).containsText("未送达");
        noSidewaysScroll();
        shot("settings-zh");
        page.locator("#contact-form summary").click();
        shot("settings-contact-form-zh");
        noSidewaysScroll();
    }

    /** Opens a sign-in link; its page posts the token back and lands on the link's page, signed in. */
    private void open(String link) {
        page.navigate(url(link));
        page.waitForURL(address -> !address.contains("t=") && !address.contains("/sign-in"));
    }

    private String url(String link) {
        String path = link.contains("/console") ? link.substring(link.indexOf("/console")) : link;
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        return root + path;
    }

    private void shot(String name) {
        // from the top: scrolled, the sticky header would be drawn over the middle of a full-page shot
        page.evaluate("() => window.scrollTo(0, 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private void noSidewaysScroll() {
        Object wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(((Number) wide).intValue() <= 0, "the page scrolls sideways by " + wide + " px on a 390 px screen");
    }

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                File candidate = new File(dir, name);
                if (candidate.canExecute()) {
                    return candidate.getAbsolutePath();
                }
            }
        }
        return null;
    }
}
