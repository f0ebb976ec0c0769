package io.strata.platform.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Seals the secrets Strata must keep (database passwords, registered connection strings, webhook
 * signing secrets) with AES-256-GCM under {@code STRATA_SECRETS_KEY}. Each ciphertext is bound to
 * the id of what it belongs to (associated data), so a sealed value moved to another record fails to open.
 * Format: base64(version byte 1 | 12-byte nonce | ciphertext+tag).
 */
@Component
public class SecretBox {
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte VERSION = 1;
    private final SecretKeySpec key;
    private final SecretKeySpec fingerprintKey;

    public SecretBox(@Value("${strata.secrets-key:}") String configuredKey,
                     @Value("${strata.secrets-key-file:data/secrets.key}") Path keyFile) {
        byte[] raw = configuredKey.isBlank() ? developmentKey(keyFile) : Base64.getDecoder().decode(configuredKey.trim());
        if (raw.length != 32) {
            throw new IllegalStateException("STRATA_SECRETS_KEY must be 32 bytes, base64-encoded (e.g. openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.fingerprintKey = new SecretKeySpec(hmac(raw, "strata-fingerprint"), "HmacSHA256");
    }

    public String seal(String plaintext, String boundTo) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + 12 + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    public String open(String sealed, String boundTo) {
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(sealed));
            if (in.get() != VERSION) {
                throw new IllegalStateException("unknown sealed-secret version");
            }
            byte[] nonce = new byte[12];
            in.get(nonce);
            byte[] body = new byte[in.remaining()];
            in.get(body);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(body), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Never include the ciphertext or anything derived from the key.
            throw new IllegalStateException("a sealed secret of " + boundTo + " cannot be opened with the configured key");
        }
    }

    /** A stable, keyed fingerprint of a secret (16 hex chars): tells versions apart without revealing anything. */
    public String fingerprint(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Without STRATA_SECRETS_KEY (development), a key is generated once into a file readable only by
     * its owner, so secrets survive restarts. Production sets the variable; the file is never used then.
     */
    private static synchronized byte[] developmentKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "secrets", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(raw));
            try {
                // A hard link is created atomically and never replaces an existing file, so processes
                // starting together (the split deployment) all end up with the first key written.
                Files.createLink(file, tmp);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            } finally {
                Files.deleteIfExists(tmp);
            }
            log.warn("STRATA_SECRETS_KEY is not set: generated a development key in {}; set the variable in production", file);
            return raw;
        } catch (IOException e) {
            throw new IllegalStateException("STRATA_SECRETS_KEY is not set and no development key file can be used at " + file, e);
        }
    }
}
