package dev.churnsentinel.textsignal.api;

import dev.churnsentinel.platform.auth.ApiKeys;
import dev.churnsentinel.proto.signals.v1.AnalyzeRequest;
import dev.churnsentinel.proto.signals.v1.TextSignals;
import dev.churnsentinel.textsignal.grpc.CallerKeyCheck;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With caller keys set, a gRPC call gets in only with one of them, the old and the new alike while one is rotated. */
@QuarkusTest
@TestProfile(CallerKeyTest.WithCallerKeys.class)
class CallerKeyTest {
    static final String OLD_KEY = "scoring-old-0123456789";
    static final String NEW_KEY = "scoring-new-0123456789";

    public static class WithCallerKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sentinel.text-signal.caller-keys",
                    OLD_KEY + ",sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(NEW_KEY)));
        }
    }

    @GrpcClient("textsignals")
    TextSignals client;

    @Test
    void aCallWithoutAKeyIsRefused() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> analyze(client));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().contains("authorization: Bearer"));
    }

    @Test
    void aCallWithAnUnknownKeyIsRefused() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> analyze(signedIn("another-key-0123456789")));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertEquals("unknown caller key", refused.getStatus().getDescription());
    }

    @Test
    void theOldAndTheNewKeyBothGetIn() {
        assertTrue(analyze(signedIn(OLD_KEY)));
        assertTrue(analyze(signedIn(NEW_KEY)));
    }

    private TextSignals signedIn(String key) {
        Metadata headers = new Metadata();
        headers.put(CallerKeyCheck.AUTHORIZATION, "Bearer " + key);
        return GrpcClientUtils.attachHeaders(client, headers);
    }

    private static boolean analyze(TextSignals client) {
        return client.analyze(AnalyzeRequest.newBuilder().setId("k").setText("我要退款").build())
                .await().atMost(Duration.ofSeconds(10)).getHighRisk();
    }
}
