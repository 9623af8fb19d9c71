package dev.churnsentinel.scoring.textsignal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Signs scoring's calls to text-signal-service in: its caller key ({@code sentinel.text-signal.key}) as
 * {@code authorization: Bearer KEY} in each call's metadata. Without a key, calls go out as they are (text-signal
 * outside prod lets them in).
 */
@ApplicationScoped
public class TextSignalCredential implements ClientInterceptor {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Optional<String> key;

    public TextSignalCredential(@ConfigProperty(name = "sentinel.text-signal.key") Optional<String> key) {
        this.key = key.filter(value -> !value.isBlank());
    }

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        ClientCall<Q, A> call = next.newCall(method, options);
        if (key.isEmpty()) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<A> listener, Metadata headers) {
                headers.put(AUTHORIZATION, "Bearer " + key.get());
                super.start(listener, headers);
            }
        };
    }
}
