package io.strata.contract;

import java.security.SecureRandom;

/** Prefixed random ids (API.md, "Conventions"): {@code org_}, {@code prj_}, {@code db_}, ... */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {
    }

    public static String organization() { return generate("org_"); }
    public static String project() { return generate("prj_"); }
    public static String database() { return generate("db_"); }
    public static String job() { return generate("job_"); }
    public static String apiKey() { return generate("key_"); }
    public static String webhook() { return generate("wh_"); }
    public static String event() { return generate("evt_"); }
    public static String delivery() { return generate("dlv_"); }

    /** 20 random base-36 characters: about 103 bits, enough that ids never collide in practice. */
    public static String generate(String prefix) {
        StringBuilder sb = new StringBuilder(prefix.length() + 20).append(prefix);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
