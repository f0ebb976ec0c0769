package io.strata.platform.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {
    @TempDir
    Path dir;

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void sealsAndOpensBoundToTheOwner() {
        SecretBox box = new SecretBox(randomKey(), dir.resolve("unused"));
        String sealed = box.seal("s3cret-Pa55", "db_1");
        assertThat(sealed).doesNotContain("s3cret");
        assertThat(box.seal("s3cret-Pa55", "db_1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed, "db_1")).isEqualTo("s3cret-Pa55");
        // Moved to another record, or altered, it does not open.
        assertThatThrownBy(() -> box.open(sealed, "db_2")).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("s3cret");
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(Base64.getEncoder().encodeToString(raw), "db_1")).isInstanceOf(IllegalStateException.class);
        // Another key cannot open it.
        assertThatThrownBy(() -> new SecretBox(randomKey(), dir.resolve("unused")).open(sealed, "db_1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fingerprintsAreStableKeyedAndShort() {
        String key = randomKey();
        SecretBox a = new SecretBox(key, dir.resolve("unused"));
        assertThat(a.fingerprint("pw")).hasSize(16).isEqualTo(new SecretBox(key, dir.resolve("unused")).fingerprint("pw"))
                .isNotEqualTo(a.fingerprint("pw2"))
                .isNotEqualTo(new SecretBox(randomKey(), dir.resolve("unused")).fingerprint("pw"));
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new SecretBox(Base64.getEncoder().encodeToString(new byte[16]), dir.resolve("unused")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void withoutAKeyProcessesShareOneGeneratedDevelopmentKey() throws Exception {
        Path file = dir.resolve("data/secrets.key");
        SecretBox first = new SecretBox("", file);
        SecretBox second = new SecretBox("", file);
        assertThat(Files.exists(file)).isTrue();
        assertThat(second.open(first.seal("x", "wh_1"), "wh_1")).isEqualTo("x");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }
}
