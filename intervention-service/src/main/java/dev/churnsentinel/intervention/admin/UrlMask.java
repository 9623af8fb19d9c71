package dev.churnsentinel.intervention.admin;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A webhook's address as it may be shown: robots carry their access token in it (DingTalk's {@code access_token=},
 * WeCom's {@code key=} in the query; Feishu's and Slack's as the last parts of the path), so every query value (a
 * bare parameter is one), any user information, and every path segment that looks like a token (16 characters or
 * more, with a digit) is masked.
 * A long value keeps its last 4 characters, so an administrator can tell two robots apart; a short one keeps none.
 */
public final class UrlMask {
    static final String MASK = "****";
    private static final int LONG = 16;

    private UrlMask() {
    }

    public static String mask(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return MASK;
        }
        if (uri.getRawAuthority() == null) {
            return MASK;
        }
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(MASK).append('@');
        }
        out.append(uri.getHost() == null ? MASK : uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            out.append(i == 0 ? "" : "/").append(tokenLike(segments[i]) ? masked(segments[i]) : segments[i]);
        }
        if (uri.getRawQuery() != null) {
            String[] parameters = uri.getRawQuery().split("&", -1);
            out.append('?');
            for (int i = 0; i < parameters.length; i++) {
                int equals = parameters[i].indexOf('=');
                out.append(i == 0 ? "" : "&").append(equals < 0 ? masked(parameters[i])
                        : parameters[i].substring(0, equals + 1) + masked(parameters[i].substring(equals + 1)));
            }
        }
        return out.toString();
    }

    private static boolean tokenLike(String segment) {
        return segment.length() >= LONG && segment.chars().anyMatch(Character::isDigit);
    }

    private static String masked(String value) {
        return value.length() >= LONG ? MASK + value.substring(value.length() - 4) : MASK;
    }
}
