package dev.churnsentinel.intervention.console;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.proto.events.v1.Tier;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A RED task whose e-mail reached its manager, and the console link in that e-mail, as a manager receives it. */
final class ConsoleFixtures {
    private static final Pattern OPEN = Pattern.compile("打开任务 / Open the task: \\S+?(/console/tasks/[0-9a-f-]{36}\\?t=\\S+)");

    record Delivered(String taskId, String link, String html, String manager) {
    }

    private ConsoleFixtures() {
    }

    /** A profile (senior manager at a fresh address) and a RED tier change; the e-mail the manager got. */
    static Delivered redTaskMailed(String customer) {
        String manager = "zhou-" + customer.toLowerCase() + "@example.com";
        Fixtures.profile(customer, manager);
        Fixtures.awaitProfile();
        String taskId = Fixtures.openTask("k-read", "demo", customer, Tier.RED).getString("items[0].id");
        MimeMessage mail = Fixtures.await(() -> InfrastructureTestResource.shared().mail().received().stream()
                        .filter(m -> manager.equals(Fixtures.recipient(m))).findFirst().orElse(null),
                m -> m != null, "the e-mail to " + manager);
        String text = part(mail, "text/plain");
        Matcher link = OPEN.matcher(text);
        if (!link.find()) {
            throw new AssertionError("no console link in:\n" + text);
        }
        return new Delivered(taskId, link.group(1), part(mail, "text/html"), manager);
    }

    static String part(MimeMessage mail, String type) {
        try {
            Object content = mail.getContent();
            if (content instanceof String s) {
                return type.equals("text/plain") ? s : null;
            }
            return find((Multipart) content, type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String find(Multipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart inner) {
                String found = find(inner, type);
                if (found != null) {
                    return found;
                }
            } else if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        return null;
    }

    static List<String> setCookies(io.restassured.response.Response response) {
        return response.headers().getValues("Set-Cookie");
    }
}
