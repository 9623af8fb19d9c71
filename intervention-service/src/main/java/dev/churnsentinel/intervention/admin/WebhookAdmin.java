package dev.churnsentinel.intervention.admin;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings.Sourced;
import dev.churnsentinel.intervention.admin.WebhookAdminResource.TestResult;
import dev.churnsentinel.intervention.admin.WebhookAdminResource.WebhookSetting;
import dev.churnsentinel.intervention.admin.WebhookAdminResource.WebhookView;
import dev.churnsentinel.intervention.integration.Endpoints;
import dev.churnsentinel.intervention.notify.TenantWebhooks;
import dev.churnsentinel.intervention.notify.WebhookSender;
import dev.churnsentinel.intervention.notify.Webhooks;
import dev.churnsentinel.intervention.playbook.Tier;
import dev.churnsentinel.platform.api.QueryValues;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Administering a tenant's chat robots and HTTP receivers ({@link TenantWebhooks}), with the rules of the API: what
 * {@code /api/v1/admin/webhooks} and the console's settings page both do.
 */
@ApplicationScoped
public class WebhookAdmin {
    static final String NAME = "[A-Za-z0-9._-]{1,64}";
    private static final String NAME_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";
    /** The most of a receiver's answer the test action shows. */
    static final int MAX_RESPONSE = 2000;
    static final String TEST_TITLE = "测试消息 / Test message from Churn Sentinel";

    private final TenantWebhooks webhooks;
    private final WebhookSender sender;
    private final InterventionConfig config;
    private final SettingRules rules;

    public WebhookAdmin(TenantWebhooks webhooks, WebhookSender sender, InterventionConfig config, SettingRules rules) {
        this.webhooks = webhooks;
        this.sender = sender;
        this.config = config;
        this.rules = rules;
    }

    /** The tenant's webhooks by name: addresses masked, secrets only said to be set. */
    public Uni<List<WebhookView>> list(String tenant) {
        return webhooks.of(tenant).map(all -> SettingAnswers.views(all, WebhookView::of));
    }

    public Uni<WebhookView> get(String tenant, String name) {
        return existing(tenant, name).map(w -> WebhookView.of(name, w));
    }

    /**
     * Sets the webhook after the API's checks (a 400 naming the field otherwise).
     *
     * @param by who sets it, for the record
     */
    public Uni<SettingAnswers.Saved<WebhookView>> put(String tenant, String name, WebhookSetting body, String by) {
        return Uni.createFrom().item(() -> {
            if (!name.matches(NAME)) {
                throw QueryValues.invalid("name", NAME_MESSAGE);
            }
            rules.validate(body);
            return Endpoints.endpoint("url", body.url(), config.subscriptions().allowPlainHttp());
        }).flatMap(url -> {
            List<String> tiers = body.tiers() == null ? null : body.tiers().stream().distinct().map(Tier::name).toList();
            return webhooks.put(tenant, name, url, body.format(), body.secret(), tiers, by);
        }).flatMap(created -> existing(tenant, name).map(w -> {
            Log.infof("webhook %s of tenant %s set by %s (%s)", name, tenant, by, created ? "new" : "replaced");
            return new SettingAnswers.Saved<>(created, WebhookView.of(name, w));
        }));
    }

    /** Removes the webhook the API or the console set: 404 when there is none, 409 when configuration's is. */
    public Uni<Void> delete(String tenant, String name) {
        return SettingAnswers.deleted(webhooks.delete(tenant, name), webhooks.of(tenant), name, "webhook " + name);
    }

    /** Posts a test card to the webhook now, signed as notifications are, and says what the receiver answered. */
    public Uni<TestResult> test(String tenant, String name) {
        String link = config.console().baseUrl() + "/console";
        Webhooks.Message message = new Webhooks.Message("TEST", tenant, null, null, null, null, null, 0, TEST_TITLE,
                "这是一条测试消息：Churn Sentinel 的通知会发到这里。\n\nThis is a test: Churn Sentinel's notifications of "
                        + "tenant " + tenant + " will arrive here (webhook " + name + ").", link);
        return existing(tenant, name).emitOn(Infrastructure.getDefaultWorkerPool()).map(webhook -> {
            long start = System.nanoTime();
            WebhookSender.Answer answer = sender.post(webhook.value(), message);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            String body = answer.body() == null ? null
                    : answer.body().length() > MAX_RESPONSE ? answer.body().substring(0, MAX_RESPONSE) : answer.body();
            return new TestResult(answer.failure() == null, answer.status(), body, answer.failure(), tookMs);
        });
    }

    private Uni<Sourced<InterventionConfig.Webhook>> existing(String tenant, String name) {
        return webhooks.of(tenant).map(all -> SettingAnswers.existing(all, name, "webhook " + name));
    }
}
