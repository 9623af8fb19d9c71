package dev.churnsentinel.platform.api;

import dev.churnsentinel.platform.problem.Problem;
import dev.churnsentinel.platform.problem.ProblemException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A query parameter that an API operation does not take is a 400 naming it, never silently ignored: a client that
 * misspells a filter ({@code ?statsu=FAILED}) learns so instead of receiving an unfiltered list. Only the
 * {@code /api/} paths are checked; the console's pages keep their own links.
 */
public class KnownQueryParameters {
    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        Set<String> takes = known.computeIfAbsent(method, KnownQueryParameters::of);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String name : new TreeSet<>(request.getUriInfo().getQueryParameters().keySet())) {
            if (!takes.contains(name)) {
                errors.add(new Problem.FieldError(name, takes.isEmpty() ? "unknown query parameter; this operation takes none"
                        : "unknown query parameter; this operation takes " + String.join(", ", new TreeSet<>(takes))));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    static Set<String> of(Method method) {
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
            }
            if (parameter.isAnnotationPresent(BeanParam.class)) {
                names.addAll(of(parameter.getType()));
            }
        }
        return Set.copyOf(names);
    }

    private static Set<String> of(Class<?> bean) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type = bean; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                QueryParam query = field.getAnnotation(QueryParam.class);
                if (query != null) {
                    names.add(query.value());
                }
                if (field.isAnnotationPresent(BeanParam.class)) {
                    names.addAll(of(field.getType()));
                }
            }
        }
        return names;
    }
}
