package io.strata.webhooks.delivery;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Optional;

/**
 * db-scheduler's Java serialization, which also reads attempts scheduled before the webhook code moved
 * to this module: their task data names the class by its old name, and without this they would never
 * run. Everything else (the deadline manager's tasks included) reads and writes exactly as before. The
 * process's scheduler takes it as its one customization.
 */
@Component
public final class DeliveryTaskSerializer implements Serializer, DbSchedulerCustomizer {
    static final String PREVIOUS_NAME = "io.strata.provisioner.webhook.DeliveryAttemptData";

    @Override
    public Optional<Serializer> serializer() {
        return Optional.of(this);
    }

    @Override
    public byte[] serialize(Object data) {
        return Serializer.DEFAULT_JAVA_SERIALIZER.serialize(data);
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] serialized) {
        if (serialized == null) {
            return null;
        }
        try (ObjectInputStream in = new RenamingInput(serialized)) {
            return type.cast(in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read task data as " + type.getName(), e);
        }
    }

    private static final class RenamingInput extends ObjectInputStream {
        RenamingInput(byte[] data) throws IOException {
            super(new ByteArrayInputStream(data));
        }

        @Override
        protected ObjectStreamClass readClassDescriptor() throws IOException, ClassNotFoundException {
            ObjectStreamClass stored = super.readClassDescriptor();
            return stored.getName().equals(PREVIOUS_NAME) ? ObjectStreamClass.lookup(DeliveryAttemptData.class) : stored;
        }
    }
}
