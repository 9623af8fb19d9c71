package dev.churnsentinel.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OpenAPI documents the client SDKs are generated from ({@code clients/openapi/NAME.json}) are the services' own:
 * a service's test hands its live document to {@link #check}, which fails when the committed one differs, so an API
 * change reaches the clients in the same commit. {@code -Dsentinel.openapi.update=true} writes the live document
 * instead.
 */
public final class OpenApiDocuments {

    private OpenApiDocuments() {
    }

    /** @return null when the committed document is the live one (or was just updated), else why not */
    public static String check(String name, String live) {
        Path committed = Path.of("..", "clients", "openapi", name + ".json");
        String document = live.strip() + "\n";
        try {
            if (Boolean.getBoolean("sentinel.openapi.update")) {
                Files.writeString(committed, document, StandardCharsets.UTF_8);
                return null;
            }
            if (!Files.exists(committed)) {
                return committed + " is missing: run the test with -Dsentinel.openapi.update=true";
            }
            String before = Files.readString(committed, StandardCharsets.UTF_8);
            if (before.equals(document)) {
                return null;
            }
            return "the API changed but " + committed.normalize() + " did not: rerun this test with "
                    + "-Dsentinel.openapi.update=true, check the diff (extend, never break) and commit it. First difference "
                    + "at character " + firstDifference(before, document) + ": …" + around(document, firstDifference(before, document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80));
    }
}
