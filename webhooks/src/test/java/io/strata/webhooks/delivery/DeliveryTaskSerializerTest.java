package io.strata.webhooks.delivery;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTaskSerializerTest {
    private static final DeliveryAttemptData DATA = new DeliveryAttemptData("dlv_1", "wh_1", "evt_1", 2, 1, "{}");
    private final DeliveryTaskSerializer serializer = new DeliveryTaskSerializer();

    @Test
    void writesWhatTheDefaultSerializerReads() {
        assertThat(Serializer.DEFAULT_JAVA_SERIALIZER.deserialize(DeliveryAttemptData.class, serializer.serialize(DATA)))
                .isEqualTo(DATA);
    }

    /** Task data as the previous release stored it: the same record under its old class name. */
    @Test
    void readsAttemptsScheduledUnderTheOldClassName() {
        byte[] current = Serializer.DEFAULT_JAVA_SERIALIZER.serialize(DATA);
        byte[] previous = renameClass(current, DeliveryAttemptData.class.getName(), DeliveryTaskSerializer.PREVIOUS_NAME);

        assertThat(serializer.deserialize(DeliveryAttemptData.class, previous)).isEqualTo(DATA);
    }

    /** The stream names the class once, as a length-prefixed (modified) UTF-8 string. */
    private static byte[] renameClass(byte[] stream, String from, String to) {
        byte[] f = utf(from);
        byte[] t = utf(to);
        for (int i = 0; i + f.length <= stream.length; i++) {
            if (Arrays.equals(stream, i, i + f.length, f, 0, f.length)) {
                byte[] out = new byte[stream.length - f.length + t.length];
                System.arraycopy(stream, 0, out, 0, i);
                System.arraycopy(t, 0, out, i, t.length);
                System.arraycopy(stream, i + f.length, out, i + t.length, stream.length - i - f.length);
                return out;
            }
        }
        throw new AssertionError(from + " not in the stream");
    }

    private static byte[] utf(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 2];
        out[0] = (byte) (bytes.length >> 8);
        out[1] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, 2, bytes.length);
        return out;
    }
}
