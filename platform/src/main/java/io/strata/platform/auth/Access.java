package io.strata.platform.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint. Every handler method carries exactly one of these; one without any is
 * refused (fail closed), so a forgotten annotation cannot open an endpoint. The OpenAPI document
 * derives its security and error responses from the same annotations.
 */
public final class Access {
    private Access() {
    }

    /** An API key holding this scope. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Scope {
        String value();
    }

    /** Any valid API key, whatever its scopes. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface AnyKey {
    }

    /** The operator token ({@code STRATA_ADMIN_TOKEN}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Operator {
    }

    /** No authentication. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Public {
    }
}
