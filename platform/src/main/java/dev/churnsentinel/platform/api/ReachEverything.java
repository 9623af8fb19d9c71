package dev.churnsentinel.platform.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;

import java.lang.annotation.ElementType;

/**
 * Bean validation may read every property. With Hibernate ORM present, Quarkus otherwise asks Hibernate for each
 * property of each validated object whether it is loaded (the spec's rule for lazy entity state), through a per-validation
 * cache whose keys collide: over a third of bean validation's time in ingestion, though what we validate are request
 * bodies, and our entities have no lazy associations.
 */
@ApplicationScoped
public class ReachEverything implements TraversableResolver {
    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                               Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                                Path pathToTraversableObject, ElementType elementType) {
        return true;
    }
}
