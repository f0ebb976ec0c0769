package io.strata.platform.store;

import io.strata.contract.catalog.EventCatalog;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer with the contract's permanent event names: an event is stored under its
 * {@code @EventType} name and {@code @Revision} instead of its class name, and read back from either
 * that name or the class name the first release stored (see {@link EventCatalog}). Everything else it
 * stores (metadata, tokens, saga state, snapshots) keeps Axon's class-name types.
 */
final class PermanentNameSerializer extends JacksonSerializer {

    PermanentNameSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        if (type == null) {
            return super.typeForClass(null);
        }
        return EventCatalog.nameOf(type)
                .<SerializedType>map(name -> new SimpleSerializedType(name, getRevisionResolver().revisionOf(type)))
                .orElseGet(() -> super.typeForClass(type));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return EventCatalog.classOf(type.getName()).<Class>map(event -> event).orElseGet(() -> super.classForType(type));
    }
}
