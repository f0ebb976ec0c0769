package io.strata.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API key secrets: {@code strata_sk_} + 40 base62 characters (~238 bits). The prefix lets secret
 * scanners recognise a leaked key; only the SHA-256 of a secret is ever stored.
 */
public final class ApiKeySecrets {
    public static final String PREFIX = "strata_sk_";
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public record NewSecret(String secret, String hash, String displayPrefix) {
        @Override
        public String toString() { // never print the secret by accident
            return "NewSecret[" + displayPrefix + "…]";
        }
    }

    public static NewSecret generate() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < 40; i++) {
            sb.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        String secret = sb.toString();
        return new NewSecret(secret, sha256(secret), secret.substring(0, PREFIX.length() + 6));
    }

    public static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
