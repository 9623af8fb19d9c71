package dev.churnsentinel.intervention.admin;

import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings.Sourced;
import dev.churnsentinel.intervention.admin.ContactAdminResource.ContactSetting;
import dev.churnsentinel.intervention.admin.ContactAdminResource.ContactView;
import dev.churnsentinel.intervention.admin.ContactAdminResource.TestResult;
import dev.churnsentinel.intervention.customer.DefaultContacts;
import dev.churnsentinel.intervention.notify.EmailSender;
import dev.churnsentinel.intervention.playbook.PlaybookRules;
import dev.churnsentinel.platform.api.QueryValues;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Administering a tenant's default contacts ({@link DefaultContacts}), with the rules of the API: what
 * {@code /api/v1/admin/contacts} and the console's settings page both do.
 */
@ApplicationScoped
public class ContactAdmin {
    static final String TEST_SUBJECT = "Churn Sentinel 测试邮件 / test e-mail";

    private final DefaultContacts contacts;
    private final EmailSender email;
    private final SettingRules rules;

    public ContactAdmin(DefaultContacts contacts, EmailSender email, SettingRules rules) {
        this.contacts = contacts;
        this.email = email;
        this.rules = rules;
    }

    public Uni<List<ContactView>> list(String tenant) {
        return contacts.of(tenant).map(all -> SettingAnswers.views(all, ContactView::of));
    }

    public Uni<ContactView> get(String tenant, String role) {
        return existing(tenant, role).map(c -> ContactView.of(role, c));
    }

    /**
     * Sets the default contact after the API's checks (a 400 naming the field otherwise).
     *
     * @param by who sets it, for the record
     */
    public Uni<SettingAnswers.Saved<ContactView>> put(String tenant, String role, ContactSetting body, String by) {
        return Uni.createFrom().item(() -> {
            if (!PlaybookRules.isRole(role)) {
                throw QueryValues.invalid("role", PlaybookRules.ROLE_MESSAGE);
            }
            return rules.validate(body);
        }).flatMap(valid -> contacts.put(tenant, role, valid.id().trim(), blankToNull(valid.name()),
                        blankToNull(valid.email()), by))
                .flatMap(created -> existing(tenant, role).map(c -> new SettingAnswers.Saved<>(created, ContactView.of(role, c))));
    }

    /** Removes the default contact the API or the console set: 404 when there is none, 409 when configuration's is. */
    public Uni<Void> delete(String tenant, String role) {
        return SettingAnswers.deleted(contacts.delete(tenant, role), contacts.of(tenant), role, "default contact " + role);
    }

    /** Sends a test e-mail to the default contact now, through the mailer notifications use. */
    public Uni<TestResult> test(String tenant, String role) {
        return existing(tenant, role).flatMap(contact -> {
            String to = contact.value().email().orElse(null);
            if (to == null) {
                return Uni.createFrom().item(new TestResult(false, "the default contact " + role + " has no e-mail address"));
            }
            String text = "这是一封测试邮件：Churn Sentinel 会把" + role + "的任务通知发到这个地址。\n\n"
                    + "This is a test: Churn Sentinel sends tenant " + tenant + "'s task notifications for " + role
                    + " to this address.\n";
            return email.send(null, to, TEST_SUBJECT, text, null).map(error -> new TestResult(error == null, error));
        });
    }

    private Uni<Sourced<InterventionConfig.DefaultContact>> existing(String tenant, String role) {
        return contacts.of(tenant).map(all -> SettingAnswers.existing(all, role, "default contact " + role));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
