package dev.churnsentinel.ingestion.imports;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a spreadsheet holds, and the fields of its records (those of the JSON the feedback, event and customer APIs take)
 * with the column headers, Chinese and English, that are guessed to mean each. Headers are compared {@link #normalise
 * normalised}. A field of a nested object is named by its path ({@code accountManager.email}); besides the fields listed,
 * a mapping may name those of an {@link Open open} object by key: an event's {@code attributes.NAME}, a customer's
 * {@code contacts.ROLE.email}.
 */
public enum ImportType {
    FEEDBACK(List.of(
            Field.required("customerId", Field.CUSTOMER_ID),
            Field.optional("externalId", "外部编号", "记录编号", "编号", "反馈编号", "问卷编号", "工单号", "单号", "流水号", "id", "surveyid", "ticketid"),
            Field.required("channel", "渠道", "来源", "反馈渠道", "source"),
            Field.time("occurredAt", "时间", "日期", "发生时间", "反馈时间", "提交时间", "创建时间", "date", "time", "datetime", "timestamp", "createdat"),
            Field.optional("text", "内容", "反馈内容", "评价", "评价内容", "意见", "留言", "评论", "备注", "comment", "feedback", "content", "message"),
            Field.optional("nps", "推荐度", "推荐值", "净推荐值", "推荐意愿", "npsscore"),
            Field.optional("satisfaction", "满意度", "满意度评分", "评分", "打分", "score", "rating")),
            List.of()),
    EVENTS(List.of(
            Field.required("customerId", Field.CUSTOMER_ID),
            Field.optional("externalId", "外部编号", "记录编号", "编号", "事件编号", "工单号", "单号", "订单号", "流水号", "id", "eventid", "orderid"),
            Field.required("type", "类型", "事件类型", "事件", "eventtype", "event"),
            Field.time("occurredAt", "时间", "日期", "发生时间", "到店时间", "购买时间", "进店时间", "date", "time", "datetime", "timestamp"),
            Field.optional("amount", "金额", "消费金额", "费用", "实付金额", "总金额", "price", "total", "value"),
            Field.optional("attributes.addOnsOffered", "addOnsOffered", "推荐项目数", "推荐加装数", "推荐附加项目数", "addons offered"),
            Field.optional("attributes.addOnsAccepted", "addOnsAccepted", "接受项目数", "加装数", "接受附加项目数", "addons accepted"),
            Field.optional("attributes.complaint", "complaint", "是否投诉", "投诉"),
            Field.optional("attributes.resolutionSatisfaction", "resolutionSatisfaction", "解决满意度", "处理满意度")),
            List.of(Open.ATTRIBUTES)),
    /** Profiles as PUT /api/v1/customers/{customerId} takes them: the id, then the body's fields. */
    CUSTOMERS(Field.all(
            List.of(Field.required("customerId", Field.CUSTOMER_ID),
                    Field.optional("name", "客户名称", "客户姓名", "客户名", "姓名", "名称", "车主姓名", "车主", "customername", "fullname"),
                    Field.optional("segment", "客户类型", "客户分群", "分群", "客户分类", "客户群", "细分", "类型", "customersegment", "customertype"),
                    Field.optional("valueTier", "客户等级", "会员等级", "价值等级", "客户级别", "会员级别", "等级", "级别", "tier", "customertier", "level"),
                    Field.optional("annualValue", "年消费", "年消费额", "年消费金额", "年度消费", "年度价值", "年价值", "客户价值", "annualspend", "yearlyvalue", "annualrevenue"),
                    Field.optional("currency", "币种", "货币", "币别")),
            Field.contact("accountManager", "客户经理", "专属顾问", "服务顾问", "顾问", "account manager", "advisor"),
            Field.contact("seniorManager", "高级经理", "店总", "店长", "门店经理", "senior manager", "store manager"),
            // further up intervention's escalation (SENIOR_MANAGER, REGIONAL_DIRECTOR, GENERAL_MANAGER): roles of contacts
            Field.contact("contacts.REGIONAL_DIRECTOR", "区域总监", "区域经理", "regional director"),
            Field.contact("contacts.GENERAL_MANAGER", "总经理", "general manager")),
            List.of(Open.CONTACTS));

    /**
     * One field of the records: its name in the API (a path for a field of a nested object), whether every row needs it
     * (then a mapping must give it), whether it is a moment in time, and the headers guessed to mean it.
     */
    public record Field(String name, boolean required, boolean time, List<String> headers) {
        /** The headers of a customer's id, the same in every type. */
        static final String[] CUSTOMER_ID = {"客户编号", "客户id", "客户号", "客户代码", "客户", "会员号", "会员编号",
                "customer", "customerno", "clientid"};

        static Field required(String name, String... headers) {
            return new Field(name, true, false, List.of(headers));
        }

        static Field optional(String name, String... headers) {
            return new Field(name, false, false, List.of(headers));
        }

        static Field time(String name, String... headers) {
            return new Field(name, true, true, List.of(headers));
        }

        /**
         * The fields of a person who acts for the tenant ({@code Contact}: id, name, e-mail, phone) at {@code path},
         * with headers of each made from the words for the person: 客户经理 → 客户经理工号, 客户经理姓名, 客户经理邮箱,
         * 客户经理电话; account manager → Account Manager ID, …
         */
        static List<Field> contact(String path, String... person) {
            return List.of(
                    new Field(path + ".id", false, false, headers(person, "工号", "编号", "id", "no")),
                    new Field(path + ".name", false, false, headers(person, "", "姓名", "名字", "name")),
                    new Field(path + ".email", false, false, headers(person, "邮箱", "电子邮件", "email", "mail")),
                    new Field(path + ".phone", false, false, headers(person, "电话", "手机", "手机号", "phone", "mobile")));
        }

        private static List<String> headers(String[] person, String... suffixes) {
            List<String> headers = new java.util.ArrayList<>();
            for (String suffix : suffixes) {
                for (String word : person) {
                    headers.add(word + " " + suffix);
                }
            }
            return List.copyOf(headers);
        }

        @SafeVarargs
        static List<Field> all(List<Field>... groups) {
            return java.util.Arrays.stream(groups).flatMap(List::stream).toList();
        }
    }

    /**
     * An object of the records whose keys the mapping names, not this list: {@code PREFIX.KEY} when its values are plain
     * ({@code attributes.advisor}), {@code PREFIX.KEY.MEMBER} when each is an object of these members
     * ({@code contacts.REGIONAL_DIRECTOR.email}).
     *
     * @param key     what a key stands for, in messages ({@code NAME}, {@code ROLE})
     * @param scalars whether values become numbers or booleans when they read as such (else they stay text)
     */
    record Open(String prefix, String key, List<String> members, boolean scalars) {
        static final Open ATTRIBUTES = new Open("attributes", "NAME", List.of(), true);
        static final Open CONTACTS = new Open("contacts", "ROLE", List.of("id", "name", "email", "phone"), false);

        /** The path in the record of a mapping's key, or null when the key is not one of this object's. */
        List<String> path(String key) {
            if (!key.startsWith(prefix + ".")) {
                return null;
            }
            String rest = key.substring(prefix.length() + 1);
            if (members.isEmpty()) {
                return rest.isEmpty() ? null : List.of(prefix, rest);
            }
            int dot = rest.lastIndexOf('.');
            return dot <= 0 || !members.contains(rest.substring(dot + 1)) ? null
                    : List.of(prefix, rest.substring(0, dot), rest.substring(dot + 1));
        }

        /** How a mapping names its keys, for messages: {@code attributes.NAME}, {@code contacts.ROLE.id|name|…}. */
        String form() {
            return prefix + "." + key + (members.isEmpty() ? "" : "." + String.join("|", members));
        }
    }

    private final List<Field> fields;
    private final List<Open> open;

    ImportType(List<Field> fields, List<Open> open) {
        this.fields = fields;
        this.open = open;
    }

    public List<Field> fields() {
        return fields;
    }

    Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Where a mapping's key puts its value in the record ({@code accountManager.email}: two levels); empty for no field. */
    Optional<List<String>> path(String key) {
        for (Open object : open) {
            List<String> path = object.path(key);
            if (path != null) {
                return Optional.of(path);
            }
        }
        return field(key).map(f -> List.of(f.name().split("\\.")));
    }

    /** Whether the value of a mapping's key becomes a number or a boolean when it reads as one (event attributes). */
    boolean scalar(String key) {
        return open.stream().anyMatch(object -> object.scalars() && object.path(key) != null);
    }

    /** What a mapping may name, for messages: the fields listed, then the open objects' forms. */
    String describe() {
        List<String> names = new java.util.ArrayList<>(fields.stream().map(Field::name)
                .filter(name -> open.stream().noneMatch(object -> object.path(name) != null)).toList());
        String listed = String.join(", ", names);
        return open.isEmpty() ? listed
                : listed + " and " + String.join(", ", open.stream().map(Open::form).toList());
    }

    /** The type a request names: {@code feedback}, {@code events} or {@code customers} (any case); empty for another word. */
    public static Optional<ImportType> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "feedback" -> Optional.of(FEEDBACK);
            case "events", "event" -> Optional.of(EVENTS);
            case "customers", "customer" -> Optional.of(CUSTOMERS);
            default -> Optional.empty();
        };
    }

    /** How a request names it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A header as compared when guessing: lower case, without spaces, underscores, hyphens, dots and brackets. */
    static String normalise(String header) {
        StringBuilder out = new StringBuilder(header.length());
        header.toLowerCase(Locale.ROOT).codePoints()
                .filter(c -> !Character.isWhitespace(c) && "_-.()（）[]【】:：".indexOf(c) < 0)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
