package dev.churnsentinel.ingestion.imports;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a spreadsheet holds, and the fields of its records (those of the JSON the feedback and event APIs take) with the
 * column headers, Chinese and English, that are guessed to mean each. Headers are compared {@link #normalise normalised}.
 */
public enum ImportType {
    FEEDBACK(List.of(
            Field.required("customerId", "客户编号", "客户id", "客户号", "客户代码", "客户", "会员号", "会员编号", "customer", "customerno", "clientid"),
            Field.optional("externalId", "外部编号", "记录编号", "编号", "反馈编号", "问卷编号", "工单号", "单号", "流水号", "id", "surveyid", "ticketid"),
            Field.required("channel", "渠道", "来源", "反馈渠道", "source"),
            Field.time("occurredAt", "时间", "日期", "发生时间", "反馈时间", "提交时间", "创建时间", "date", "time", "datetime", "timestamp", "createdat"),
            Field.optional("text", "内容", "反馈内容", "评价", "评价内容", "意见", "留言", "评论", "备注", "comment", "feedback", "content", "message"),
            Field.optional("nps", "推荐度", "推荐值", "净推荐值", "推荐意愿", "npsscore"),
            Field.optional("satisfaction", "满意度", "满意度评分", "评分", "打分", "score", "rating")),
            Map.of()),
    EVENTS(List.of(
            Field.required("customerId", "客户编号", "客户id", "客户号", "客户代码", "客户", "会员号", "会员编号", "customer", "customerno", "clientid"),
            Field.optional("externalId", "外部编号", "记录编号", "编号", "事件编号", "工单号", "单号", "订单号", "流水号", "id", "eventid", "orderid"),
            Field.required("type", "类型", "事件类型", "事件", "eventtype", "event"),
            Field.time("occurredAt", "时间", "日期", "发生时间", "到店时间", "购买时间", "进店时间", "date", "time", "datetime", "timestamp"),
            Field.optional("amount", "金额", "消费金额", "费用", "实付金额", "总金额", "price", "total", "value")),
            Map.of("addOnsOffered", List.of("推荐项目数", "推荐加装数", "推荐附加项目数", "addons offered"),
                    "addOnsAccepted", List.of("接受项目数", "加装数", "接受附加项目数", "addons accepted"),
                    "complaint", List.of("是否投诉", "投诉"),
                    "resolutionSatisfaction", List.of("解决满意度", "处理满意度")));

    /**
     * One field of the records: its name in the API, whether every row needs it (then a mapping must give it), whether
     * it is a moment in time, and the headers guessed to mean it.
     */
    public record Field(String name, boolean required, boolean time, List<String> headers) {
        static Field required(String name, String... headers) {
            return new Field(name, true, false, List.of(headers));
        }

        static Field optional(String name, String... headers) {
            return new Field(name, false, false, List.of(headers));
        }

        static Field time(String name, String... headers) {
            return new Field(name, true, true, List.of(headers));
        }
    }

    /** The prefix of an event's attributes in a mapping: {@code attributes.addOnsOffered}. */
    public static final String ATTRIBUTES = "attributes.";

    private final List<Field> fields;
    /** Attributes with headers to guess them from (events); others can be mapped by name. */
    private final Map<String, List<String>> attributes;

    ImportType(List<Field> fields, Map<String, List<String>> attributes) {
        this.fields = fields;
        this.attributes = attributes;
    }

    public List<Field> fields() {
        return fields;
    }

    Map<String, List<String>> attributes() {
        return attributes;
    }

    /** Whether this kind of record has attributes ({@code attributes.NAME} in a mapping). */
    boolean hasAttributes() {
        return this == EVENTS;
    }

    Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The type a request names: {@code feedback} or {@code events} (any case); empty for another word. */
    public static Optional<ImportType> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "feedback" -> Optional.of(FEEDBACK);
            case "events", "event" -> Optional.of(EVENTS);
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
