package dev.churnsentinel.bench;

import java.net.http.HttpClient;

/**
 * HTTP clients of the local stack's services. They speak HTTP/1.1, as the services serve it: the JDK's client would
 * otherwise offer to upgrade each plain connection to HTTP/2 (h2c), and its HTTP/2 decoder has failed on a metrics page
 * read during that upgrade.
 */
final class LocalHttp {
    private LocalHttp() {
    }

    /** A client builder set to HTTP/1.1; add timeouts and an executor as the benchmark needs. */
    static HttpClient.Builder client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    }
}
