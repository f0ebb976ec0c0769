package io.strata.provisioner.webhook;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sequences the webhook router's events by organization: an organization's endpoint changes and source
 * events stay in store order (all its events go to one segment), while organizations are fanned out in
 * parallel. Every event the router handles is a record with an {@code organizationId} component; any
 * other event falls into one shared sequence, which is always safe.
 */
final class ByOrganization implements SequencingPolicy<EventMessage<?>> {
    static final String SHARED = "-";
    private final Map<Class<?>, Optional<Method>> accessors = new ConcurrentHashMap<>();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        Optional<Method> accessor = accessors.computeIfAbsent(payload.getClass(), ByOrganization::organizationIdOf);
        if (accessor.isEmpty()) {
            return SHARED;
        }
        try {
            Object organizationId = accessor.get().invoke(payload);
            return organizationId == null ? SHARED : organizationId;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read organizationId of " + payload.getClass().getName(), e);
        }
    }

    private static Optional<Method> organizationIdOf(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals("organizationId") && component.getType() == String.class) {
                return Optional.of(component.getAccessor());
            }
        }
        return Optional.empty();
    }
}
