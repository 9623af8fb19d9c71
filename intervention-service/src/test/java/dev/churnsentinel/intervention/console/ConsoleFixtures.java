package dev.churnsentinel.intervention.console;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.intervention.Fixtures;
import dev.churnsentinel.proto.events.v1.Tier;
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
        String text = Fixtures.part(mail, "text/plain");
        Matcher link = OPEN.matcher(text);
        if (!link.find()) {
            throw new AssertionError("no console link in:\n" + text);
        }
        return new Delivered(taskId, link.group(1), Fixtures.part(mail, "text/html"), manager);
    }

    static List<String> setCookies(io.restassured.response.Response response) {
        return response.headers().getValues("Set-Cookie");
    }
}
