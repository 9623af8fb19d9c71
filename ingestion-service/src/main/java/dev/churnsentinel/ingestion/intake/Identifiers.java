package dev.churnsentinel.ingestion.intake;

import dev.churnsentinel.platform.ids.CustomerIds;

/** The shape of identifiers the API accepts from other platforms. */
public final class Identifiers {
    /** Customer ids: letters, digits and . _ : - up to 100 characters (they travel in URLs and Kafka keys). */
    public static final String CUSTOMER_ID = CustomerIds.PATTERN;
    public static final String CUSTOMER_ID_MESSAGE = CustomerIds.MESSAGE;

    /** Amounts of money are kept as numeric(14, 2), here and in scoring: at most this. */
    public static final String MAX_MONEY = "999999999999.99";
    public static final String MAX_MONEY_MESSAGE = "must be at most 999999999999.99";

    private Identifiers() {
    }
}
