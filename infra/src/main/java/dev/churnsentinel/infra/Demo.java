package dev.churnsentinel.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./sentinel demo}: pushes a realistic data set through the public API of a running stack — a few
 * hundred customers of a car dealer's after-sales network across the four stages, with a year of visits and
 * Chinese feedback — then prints the tiers scoring gave them and the tasks intervention opened.
 */
public final class Demo {
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡"};
    private static final String[] PRAISE = {"服务很周到，师傅很专业", "保养很及时，价格也实惠", "前台很热情，休息区也干净",
            "这次的维修效率很高，满意", "技师很耐心地讲解了问题，放心", "整体不错，会推荐给朋友"};
    private static final String[] DOUBT = {"这次等了挺久的", "感觉收费有点不透明", "师傅有点着急，没讲清楚", "预约系统不好用，麻烦"};
    private static final String[] PROBING = {"保养等了三个小时，效率太低", "空调异味还是没解决，有点失望", "上次的问题又出现了，很无奈"};
    private static final String[] DECIDED = {"合同到期我们就解约，不想再续了。", "太贵了，我们准备换一家。",
            "态度恶劣，再也不来了，我要退款！", "问题一直不解决，我要投诉到12315"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String key;
    private final String ingestion;
    private final Random random = new Random(20261123);
    private int sequence;

    private Demo(String key, String ingestion) {
        this.key = key;
        this.ingestion = ingestion;
    }

    /** {@code Demo KEY [CUSTOMERS]} against the local stack's ports. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Demo API_KEY [CUSTOMERS]");
            System.exit(2);
        }
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Demo demo = new Demo(args[0], "http://127.0.0.1:8081");
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
        long started = System.nanoTime();
        for (int i = 1; i <= customers; i++) {
            demo.customer(String.format("DEMO-%s-%04d", run, i), i);
        }
        System.out.printf("pushed %d customers and %d feedback/events in %.1f s%n", customers, demo.sequence,
                (System.nanoTime() - started) / 1e9);
        demo.report(customers);
    }

    /** One customer in one of the four stages, chosen by their position (70 / 15 / 10 / 5 %). */
    private void customer(String id, int index) throws IOException, InterruptedException {
        int bucket = index % 20;
        String stage = bucket < 14 ? "SATISFIED" : bucket < 17 ? "DOUBTING" : bucket < 19 ? "PROBING" : "DECIDED";
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + (random.nextBoolean() ? "先生" : "女士");
        int manager = random.nextInt(5) + 1;
        String[] tiers = {"VIP", "HIGH", "STANDARD", "STANDARD", "LOW"};
        send("PUT", "/api/v1/customers/" + id, """
                {"name": "%s", "segment": "car owner", "valueTier": "%s", "annualValue": %d, "currency": "CNY",
                 "accountManager": {"id": "am-%02d", "name": "客户经理%d", "email": "am-%02d@dealer.example"},
                 "seniorManager": {"id": "sm-%02d", "name": "服务总监%d", "email": "sm-%02d@dealer.example"}}"""
                .formatted(name, tiers[random.nextInt(tiers.length)], 2000 + random.nextInt(9000),
                        manager, manager, manager, manager, manager, manager));
        int interval = 80 + random.nextInt(20);
        int visits = 4;
        // the history ends a few days ago: a probing customer's last gap is half as long again
        long span = (long) interval * (visits - 2) + (stage.equals("PROBING") ? interval * 3L / 2 : interval);
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(span + 2 + random.nextInt(10));
        for (int visit = 0; visit < visits; visit++) {
            boolean last = visit == visits - 1;
            int spend = 1100 + random.nextInt(200);
            int accepted = 3;
            int satisfaction = 9;
            String text = PRAISE[random.nextInt(PRAISE.length)];
            if (last && stage.equals("PROBING")) {
                at = at.plusDays(interval / 2);
                spend = 600 + random.nextInt(100);
                accepted = 0;
                satisfaction = 7;
                text = PROBING[random.nextInt(PROBING.length)];
            } else if (last && stage.equals("DOUBTING")) {
                satisfaction = 6;
                text = DOUBT[random.nextInt(DOUBT.length)];
            } else if (last && stage.equals("DECIDED")) {
                text = DECIDED[random.nextInt(DECIDED.length)];
                satisfaction = 3;
            } else if (visit == visits - 2 && stage.equals("DOUBTING")) {
                satisfaction = 6;
            }
            event(id, "SERVICE_VISIT", at, spend, "{\"addOnsOffered\": 4, \"addOnsAccepted\": " + accepted + "}");
            feedback(id, at.plusHours(2), text, satisfaction);
            if (last && stage.equals("PROBING")) {
                event(id, "TICKET_OPENED", at.plusHours(3), -1, "{\"complaint\": true}");
                event(id, "TICKET_RESOLVED", at.plusDays(2), -1, "{\"resolutionSatisfaction\": 4}");
            }
            at = at.plusDays(interval);
        }
    }

    private void event(String customer, String type, OffsetDateTime at, int amount, String attributes)
            throws IOException, InterruptedException {
        send("POST", "/api/v1/events", """
                {"externalId": "%s-e%d", "customerId": "%s", "type": "%s", "occurredAt": "%s"%s, "attributes": %s}"""
                .formatted(customer, ++sequence, customer, type, at, amount < 0 ? "" : ", \"amount\": " + amount, attributes));
    }

    private void feedback(String customer, OffsetDateTime at, String text, int satisfaction)
            throws IOException, InterruptedException {
        send("POST", "/api/v1/feedback", """
                {"externalId": "%s-f%d", "customerId": "%s", "channel": "SURVEY", "occurredAt": "%s",
                 "text": "%s", "satisfaction": %d}""".formatted(customer, ++sequence, customer, at, text, satisfaction));
    }

    private void send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingestion + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Waits until scoring and intervention have settled, then prints tiers and tasks. */
    private void report(int customers) throws IOException, InterruptedException {
        Map<String, Integer> tiers = Map.of();
        Map<String, Integer> tasks = Map.of();
        for (int settled = 0, round = 0; settled < 3 && round < 120; round++) {
            Thread.sleep(1000);
            Map<String, Integer> nowTiers = count(get("http://127.0.0.1:8082/api/v1/customers?limit=500"), "tier");
            Map<String, Integer> nowTasks = count(get("http://127.0.0.1:8083/api/v1/tasks?limit=500"), "kind");
            settled = nowTiers.equals(tiers) && nowTasks.equals(tasks) ? settled + 1 : 0;
            tiers = nowTiers;
            tasks = nowTasks;
        }
        int atRisk = tiers.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("tiers of this tenant's customers at risk (GREEN: the rest of " + customers + " pushed now, and earlier ones):");
        for (String tier : List.of("YELLOW", "ORANGE", "RED")) {
            System.out.printf("  %-6s %d%n", tier, tiers.getOrDefault(tier, 0));
        }
        System.out.printf("  at risk in all: %d%n", atRisk);
        System.out.println("tasks opened (all of this tenant's):");
        tasks.forEach((kind, n) -> System.out.printf("  %-9s %d%n", kind, n));
        System.out.println("see them: curl -H \"Authorization: Bearer $KEY\" 'http://127.0.0.1:8082/api/v1/customers?tier=RED'");
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Map<String, Integer> count(String json, String field) {
        Map<String, Integer> counts = new TreeMap<>();
        Matcher m = Pattern.compile("\"" + field + "\":\"([A-Z_]+)\"").matcher(json);
        while (m.find()) {
            counts.merge(m.group(1), 1, Integer::sum);
        }
        return counts;
    }
}
