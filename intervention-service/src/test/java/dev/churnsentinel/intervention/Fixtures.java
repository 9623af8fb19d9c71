package dev.churnsentinel.intervention;

import dev.churnsentinel.infra.InfrastructureTestResource;
import dev.churnsentinel.infra.TestTopics;
import dev.churnsentinel.proto.events.v1.Contact;
import dev.churnsentinel.proto.events.v1.CustomerUpserted;
import dev.churnsentinel.proto.events.v1.IngestRecord;
import dev.churnsentinel.proto.events.v1.Signal;
import dev.churnsentinel.proto.events.v1.Tier;
import dev.churnsentinel.proto.events.v1.TierChanged;
import io.restassured.path.json.JsonPath;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/** What the intervention tests send in (profiles, tier changes) and how they wait for what comes out. */
public final class Fixtures {
    public static final String TIER_CHANGES = "churnsentinel.tier-changes.v1";
    public static final String INGEST = "churnsentinel.ingest.v1";

    private Fixtures() {
    }

    /** A profile naming an account manager, a senior manager (at {@code seniorEmail}) and a regional director. */
    public static void profile(String tenant, String customer, String seniorEmail) {
        CustomerUpserted profile = CustomerUpserted.newBuilder().setName("王女士").setValueTier("VIP").setAnnualValue(5000)
                .putContacts("ACCOUNT_MANAGER", Contact.newBuilder().setId("am-01").setName("李明").setEmail("li.ming@example.com").build())
                .putContacts("SENIOR_MANAGER", Contact.newBuilder().setId("sm-01").setName("周总").setEmail(seniorEmail).build())
                .putContacts("REGIONAL_DIRECTOR", Contact.newBuilder().setId("rd-01").setName("陈总监")
                        .setEmail("rd-" + customer + "@example.com").build())
                .build();
        send(INGEST, tenant, customer, IngestRecord.newBuilder().setId(UUID.randomUUID().toString())
                .setTenant(tenant).setCustomerId(customer).setAcceptedAt(OffsetDateTime.now().toString())
                .setCustomer(profile).build().toByteArray());
    }

    public static void profile(String customer, String seniorEmail) {
        profile("demo", customer, seniorEmail);
    }

    /** The profile travels on another topic than the tier change: give its consumer a moment. */
    public static void awaitProfile() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public static TierChanged change(String tenant, String customer, Tier tier, boolean passive, boolean priceSensitive) {
        return TierChanged.newBuilder().setId(UUID.randomUUID().toString()).setTenant(tenant).setCustomerId(customer)
                .setPreviousTier(Tier.GREEN).setTier(tier).setRiskScore(93).setStage("DECIDED")
                .setChangedAt(OffsetDateTime.now().toString())
                .addSignals(Signal.newBuilder().setCode("HIGH_RISK_KEYWORD").setDetail("said \"解约\""))
                .addEvidence("…到期我们就解约，不想再续…").setPassiveChurn(passive).setPriceSensitive(priceSensitive)
                .setModelVersion(1).build();
    }

    public static TierChanged change(String customer, Tier tier, boolean passive, boolean priceSensitive) {
        return change("demo", customer, tier, passive, priceSensitive);
    }

    public static void send(String topic, String tenant, String customer, byte[] payload) {
        TestTopics.send(topic, tenant + "/" + customer, payload);
    }

    public static void send(String topic, String customer, byte[] payload) {
        send(topic, "demo", customer, payload);
    }

    /** A tier change for the customer, and their one task once it is there (with its first notification made). */
    public static JsonPath openTask(String key, String tenant, String customer, Tier tier) {
        send(TIER_CHANGES, tenant, customer, change(tenant, customer, tier, false, false).toByteArray());
        return awaitTasks(key, customer, list -> list.getList("items").size() == 1
                && !notifications(key, list.getString("items[0].id")).getList("items").isEmpty());
    }

    public static JsonPath tasks(String key, String customer) {
        return given().auth().oauth2(key).when().get("/api/v1/tasks?customerId=" + customer)
                .then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath awaitTasks(String key, String customer, Predicate<JsonPath> until) {
        return await(() -> tasks(key, customer), list -> !list.getList("items").isEmpty() && until.test(list),
                "tasks of " + customer);
    }

    public static JsonPath awaitTasks(String customer, Predicate<JsonPath> until) {
        return awaitTasks("k-read", customer, until);
    }

    public static JsonPath notifications(String key, String taskId) {
        return given().auth().oauth2(key).when().get("/api/v1/notifications?taskId=" + taskId)
                .then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath notifications(String taskId) {
        return notifications("k-read", taskId);
    }

    public static JsonPath history(String key, String taskId) {
        return given().auth().oauth2(key).when().get("/api/v1/tasks/" + taskId + "/history")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Polls until {@code until} holds, for up to 20 s. */
    public static <T> T await(Supplier<T> read, Predicate<T> until, String what) {
        return await(read, until, what, Duration.ofSeconds(20));
    }

    /** Polls until {@code until} holds, for up to {@code wait}. */
    public static <T> T await(Supplier<T> read, Predicate<T> until, String what, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (until.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(what + " never matched; last: "
                + (last instanceof JsonPath json ? json.prettify() : String.valueOf(last)));
    }

    /** The e-mails the test SMTP server has received for {@code address}, oldest first. */
    public static List<MimeMessage> mailsTo(String address) {
        return InfrastructureTestResource.shared().mail().received().stream().filter(m -> recipient(m).equals(address))
                .toList();
    }

    public static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
    /** The part of an e-mail of the given type ("text/plain", "text/html"), or null. */
    public static String part(MimeMessage mail, String type) {
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

}
