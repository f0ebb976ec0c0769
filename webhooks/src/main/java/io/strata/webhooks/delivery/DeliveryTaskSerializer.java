package io.strata.webhooks.delivery;

import com.github.kagkarlsson.scheduler.serializer.Serializer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * db-scheduler's Java serialization, which also reads attempts scheduled before the webhook code moved
 * to this module: their task data names the class by its old name, and without this they would never
 * run. Everything else (the deadline manager's tasks included) reads and writes exactly as before.
 */
public final class DeliveryTaskSerializer implements Serializer {
    static final String PREVIOUS_NAME = "io.strata.provisioner.webhook.DeliveryAttemptData";

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
