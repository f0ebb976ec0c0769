package io.strata.platform.auth;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeySecretsTest {

    @RepeatedTest(20)
    void aSecretIsThePrefixAnd40Base62Characters() {
        ApiKeySecrets.NewSecret secret = ApiKeySecrets.generate();
        assertThat(secret.secret()).matches("strata_sk_[0-9A-Za-z]{40}").hasSize(50);
    }

    @Test
    void theHashIsTheHexSha256OfTheSecret() throws Exception {
        ApiKeySecrets.NewSecret secret = ApiKeySecrets.generate();
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(secret.secret().getBytes(StandardCharsets.UTF_8)));
        assertThat(secret.hash()).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(ApiKeySecrets.sha256(secret.secret())).isEqualTo(secret.hash());
        // A known vector (FIPS 180-2).
        assertThat(ApiKeySecrets.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theDisplayPrefixIsTheFirst16Characters() {
        ApiKeySecrets.NewSecret secret = ApiKeySecrets.generate();
        assertThat(secret.displayPrefix()).hasSize(16).startsWith(ApiKeySecrets.PREFIX);
        assertThat(secret.secret()).startsWith(secret.displayPrefix());
    }

    @Test
    void toStringNeverShowsTheSecretNorItsHash() {
        ApiKeySecrets.NewSecret secret = ApiKeySecrets.generate();
        assertThat(secret.toString())
                .doesNotContain(secret.secret())
                .doesNotContain(secret.secret().substring(ApiKeySecrets.PREFIX.length()))
                .doesNotContain(secret.hash())
                .contains(secret.displayPrefix());
    }

    @Test
    void secretsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(ApiKeySecrets.generate().secret())).isTrue();
        }
    }
}
