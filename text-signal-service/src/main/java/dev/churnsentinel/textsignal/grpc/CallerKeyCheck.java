package dev.churnsentinel.textsignal.grpc;

import dev.churnsentinel.platform.auth.ServiceKeys;
import dev.churnsentinel.textsignal.analysis.TextSignalConfig;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;

/**
 * Lets in only the gRPC calls that carry a caller key ({@code authorization: Bearer KEY} in the call's metadata),
 * one of {@code sentinel.text-signal.caller-keys}. The prod profile does not start without keys; elsewhere (the local
 * stack, tests) no keys means every call is let in, said once at start-up.
 */
@GlobalInterceptor
@Startup
@ApplicationScoped
public class CallerKeyCheck implements ServerInterceptor {
    static final String SETTING = "sentinel.text-signal.caller-keys";
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final ServiceKeys keys;

    public CallerKeyCheck(TextSignalConfig config) {
        keys = ServiceKeys.parse(SETTING, config.callerKeys().orElse(List.of()));
        boolean prod = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getProfiles().contains("prod")
                && LaunchMode.current() == LaunchMode.NORMAL;
        if (keys.isEmpty() && prod) {
            throw new IllegalStateException(SETTING + " (SENTINEL_TEXT_SIGNAL_CALLER_KEYS) is empty: in prod every "
                    + "gRPC caller must present a key; give one or more (plain, or sha256:HEX)");
        }
        if (keys.isEmpty()) {
            Log.warn(SETTING + " is empty: gRPC calls are let in without a caller key (refused in prod)");
        }
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        if (keys.isEmpty()) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        if (authorization != null && authorization.startsWith(BEARER) && keys.accepts(authorization.substring(BEARER.length()))) {
            return next.startCall(call, headers);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(authorization == null
                ? "no caller key: send metadata 'authorization: Bearer KEY'"
                : "unknown caller key"), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
