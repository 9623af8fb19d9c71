package dev.churnsentinel.intervention.console;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.churnsentinel.intervention.InterventionConfig;
import dev.churnsentinel.intervention.TenantSettings.Sourced;
import dev.churnsentinel.intervention.admin.ContactAdmin;
import dev.churnsentinel.intervention.admin.ContactAdminResource.ContactSetting;
import dev.churnsentinel.intervention.admin.ContactAdminResource.ContactView;
import dev.churnsentinel.intervention.admin.SettingRules;
import dev.churnsentinel.intervention.admin.WebhookAdmin;
import dev.churnsentinel.intervention.admin.WebhookAdminResource.WebhookSetting;
import dev.churnsentinel.intervention.admin.WebhookAdminResource.WebhookView;
import dev.churnsentinel.intervention.customer.DefaultContacts;
import dev.churnsentinel.intervention.notify.TenantWebhooks;
import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings page of a tenant's console administrators: its chat robots and default contacts, set, deleted and
 * tested as through {@code /api/v1/admin/...}, by the same code ({@link WebhookAdmin}, {@link ContactAdmin}) with the
 * same rules and words; who set them is the signed-in person's e-mail. Anyone else gets "not found".
 */
@Path("/console/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsResource {
    private static final String PAGE = "/console/settings";

    private final Viewers viewers;
    private final WebhookAdmin webhooks;
    private final ContactAdmin contacts;
    private final TenantWebhooks robotsOf;
    private final DefaultContacts contactsOf;
    private final SettingRules rules;

    public SettingsResource(Viewers viewers, WebhookAdmin webhooks, ContactAdmin contacts, TenantWebhooks robotsOf,
                            DefaultContacts contactsOf, SettingRules rules) {
        this.viewers = viewers;
        this.webhooks = webhooks;
        this.contacts = contacts;
        this.robotsOf = robotsOf;
        this.contactsOf = contactsOf;
        this.rules = rules;
    }

    /** The page; {@code robot} or {@code role} unfolds the form filled with that setting, to replace it. */
    @GET
    public Uni<TemplateInstance> page(@BeanParam ConsoleRequest request, @QueryParam("robot") String robot,
                                      @QueryParam("role") String role) {
        return viewers.admin(request, PAGE).flatMap(viewer -> robotsOf.of(viewer.tenant())
                .flatMap(robots -> contactsOf.of(viewer.tenant()).map(people -> {
                    Sourced<InterventionConfig.Webhook> w = robot == null ? null : robots.get(robot);
                    Views.SettingsForm robotForm = w == null ? Views.SettingsForm.empty() : new Views.SettingsForm(
                            Map.of("name", robot, "format", w.value().format().name()),
                            Set.copyOf(w.value().tiers().orElse(List.of())), Map.of(), true);
                    Sourced<InterventionConfig.DefaultContact> c = role == null ? null : people.get(role);
                    Views.SettingsForm contactForm = c == null ? Views.SettingsForm.empty() : new Views.SettingsForm(
                            values("role", role, "id", c.value().id(), "name", c.value().name().orElse(null),
                                    "email", c.value().email().orElse(null)), Set.of(), Map.of(), true);
                    return Pages.settings(viewer, page(robots, people, robotForm, contactForm, null, null, null))
                            .setLocale(request.locale());
                })));
    }

    /** Adds or replaces a robot: a password left empty keeps its secret, {@code removeSecret} removes it. */
    @POST
    @Path("/webhooks")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> putWebhook(@BeanParam ConsoleRequest request, @FormParam("name") String name,
                                    @FormParam("format") String format, @FormParam("url") String url,
                                    @FormParam("secret") String secret, @FormParam("removeSecret") boolean removeSecret,
                                    @FormParam("tiers") List<String> tiers) {
        String robot = name == null ? "" : name.trim();
        Set<String> ticked = tiers == null ? Set.of() : new LinkedHashSet<>(tiers);
        return viewers.actingAdmin(request, PAGE).flatMap(viewer -> after(viewer, request, Uni.createFrom().item(() -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.put("url", url);
                    body.put("format", blankToNull(format));
                    if (removeSecret) {
                        body.put("secret", "");
                    } else if (secret != null && !secret.isEmpty()) {
                        body.put("secret", secret);
                    }
                    if (!ticked.isEmpty()) {
                        ticked.forEach(body.putArray("tiers")::add);
                    }
                    return rules.read(body, WebhookSetting.class);
                }).flatMap(setting -> webhooks.put(viewer.tenant(), robot, setting, viewer.email())), "set_robot_saved",
                robot, new Views.SettingsForm(values("name", robot, "format", format, "url", url), ticked, Map.of(), true),
                null));
    }

    @POST
    @Path("/webhooks/{name}/delete")
    public Uni<Response> deleteWebhook(@BeanParam ConsoleRequest request, @PathParam("name") String name) {
        return viewers.actingAdmin(request, PAGE).flatMap(viewer -> after(viewer, request,
                webhooks.delete(viewer.tenant(), name), "set_robot_deleted", name, null, null));
    }

    /** Posts a test card to the robot now; the answer is a fragment shown under its button. */
    @POST
    @Path("/webhooks/{name}/test")
    public Uni<TemplateInstance> testWebhook(@BeanParam ConsoleRequest request, @PathParam("name") String name) {
        return viewers.actingAdmin(request, PAGE).flatMap(viewer -> answer(request, webhooks.test(viewer.tenant(), name)
                .map(r -> new Views.TestAnswer(r.delivered(), r.status(), r.response(), r.error(), r.tookMs()))));
    }

    @POST
    @Path("/contacts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> putContact(@BeanParam ConsoleRequest request, @FormParam("role") String role,
                                    @FormParam("id") String id, @FormParam("name") String name,
                                    @FormParam("email") String email) {
        String inRole = role == null ? "" : role.trim();
        return viewers.actingAdmin(request, PAGE).flatMap(viewer -> after(viewer, request, Uni.createFrom().item(() -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.put("id", blankToNull(id));
                    body.put("name", blankToNull(name));
                    body.put("email", blankToNull(email));
                    return rules.read(body, ContactSetting.class);
                }).flatMap(setting -> contacts.put(viewer.tenant(), inRole, setting, viewer.email())), "set_contact_saved",
                inRole, null, new Views.SettingsForm(values("role", inRole, "id", id, "name", name, "email", email), Set.of(),
                        Map.of(), true)));
    }

    @POST
    @Path("/contacts/{role}/delete")
    public Uni<Response> deleteContact(@BeanParam ConsoleRequest request, @PathParam("role") String role) {
        return viewers.actingAdmin(request, PAGE).flatMap(viewer -> after(viewer, request,
                contacts.delete(viewer.tenant(), role), "set_contact_deleted", role, null, null));
    }

    /** Sends a test e-mail to the default contact now; the answer is a fragment shown under its button. */
    @POST
    @Path("/contacts/{role}/test")
    public Uni<TemplateInstance> testContact(@BeanParam ConsoleRequest request, @PathParam("role") String role) {
        return viewers.actingAdmin(request, PAGE).flatMap(viewer -> answer(request, contacts.test(viewer.tenant(), role)
                .map(r -> new Views.TestAnswer(r.delivered(), null, null, r.error(), null))));
    }

    /**
     * The page after a save or a delete, saying what was done; when refused, the form as typed (a robot's or a
     * contact's) with the API's words by field, or for a delete the API's refusal above the lists.
     */
    private Uni<Response> after(Viewer viewer, ConsoleRequest request, Uni<?> work, String notice, String key,
                                Views.SettingsForm robotTyped, Views.SettingsForm contactTyped) {
        Views.SettingsForm none = Views.SettingsForm.empty();
        return work.flatMap(done -> render(viewer, request, 200, none, none, notice, key, null))
                .onFailure(ProblemException.class).recoverWithUni(e -> robotTyped == null && contactTyped == null
                        ? render(viewer, request, status(e), none, none, null, null, Forms.message((ProblemException) e))
                        : render(viewer, request, status(e), robotTyped == null ? none : robotTyped.refused(errors(e)),
                        contactTyped == null ? none : contactTyped.refused(errors(e)), null, null, null));
    }

    /** What a test got, as the fragment under its button; a setting gone meanwhile is said in the API's words. */
    private static Uni<TemplateInstance> answer(ConsoleRequest request, Uni<Views.TestAnswer> test) {
        return test.onFailure(ProblemException.class).recoverWithItem(e ->
                        new Views.TestAnswer(false, null, null, Forms.message((ProblemException) e), null))
                .map(answer -> Pages.testAnswer(answer).setLocale(request.locale()));
    }

    private Uni<Response> render(Viewer viewer, ConsoleRequest request, int status, Views.SettingsForm robotForm,
                                 Views.SettingsForm contactForm, String notice, String noticeOf, String error) {
        return robotsOf.of(viewer.tenant()).flatMap(robots -> contactsOf.of(viewer.tenant()).map(people ->
                Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Pages.settings(viewer,
                                page(robots, people, robotForm, contactForm, notice, noticeOf, error))
                        .setLocale(request.locale()).render()).build()));
    }

    private static Views.SettingsPage page(Map<String, Sourced<InterventionConfig.Webhook>> robots,
                                           Map<String, Sourced<InterventionConfig.DefaultContact>> people,
                                           Views.SettingsForm robotForm, Views.SettingsForm contactForm, String notice,
                                           String noticeOf, String error) {
        List<Views.RobotRow> robotRows = robots.entrySet().stream().map(e -> {
            WebhookView v = WebhookView.of(e.getKey(), e.getValue());
            String by = e.getValue().value() instanceof TenantWebhooks.Stored s ? s.updatedBy() : null;
            return new Views.RobotRow(v.name(), v.format().name(), v.url(), v.tiers() == null ? List.of() : v.tiers(),
                    v.secretSet(), !e.getValue().fromApi(), by);
        }).toList();
        List<Views.ContactRow> contactRows = people.entrySet().stream().map(e -> {
            ContactView v = ContactView.of(e.getKey(), e.getValue());
            String by = e.getValue().value() instanceof DefaultContacts.Stored s ? s.updatedBy() : null;
            return new Views.ContactRow(v.role(), v.id(), v.name(), v.email(), !e.getValue().fromApi(), by);
        }).toList();
        return new Views.SettingsPage(robotRows, contactRows, robotForm, contactForm, notice, noticeOf, error);
    }

    /** The API's refusal by form field ({@code tiers[1]} is the tiers' boxes); what names no field under "". */
    private static Map<String, String> errors(Throwable e) {
        Problem problem = ((ProblemException) e).problem();
        Map<String, String> byField = new HashMap<>();
        if (problem.errors() == null || problem.errors().isEmpty()) {
            byField.put("", Forms.message((ProblemException) e));
            return byField;
        }
        for (Problem.FieldError f : problem.errors()) {
            String field = f.field().replaceAll("\\[.*$", "");
            byField.merge("body".equals(field) ? "" : field, f.message(), (a, b) -> a + "; " + b);
        }
        return byField;
    }

    private static int status(Throwable e) {
        return ((ProblemException) e).problem().status();
    }

    /** Field values in order, without the absent ones. */
    private static Map<String, String> values(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                values.put(pairs[i], pairs[i + 1]);
            }
        }
        return values;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
