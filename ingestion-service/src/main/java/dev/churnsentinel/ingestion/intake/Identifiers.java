package dev.churnsentinel.ingestion.intake;

/** The shape of identifiers the API accepts from other platforms. */
public final class Identifiers {
    /** Customer ids: letters, digits and . _ : - up to 100 characters (they travel in URLs and Kafka keys). */
    public static final String CUSTOMER_ID = "[A-Za-z0-9._:\\-]{1,100}";
    public static final String CUSTOMER_ID_MESSAGE = "must be 1-100 letters, digits or . _ : -";

    private Identifiers() {
    }
}
