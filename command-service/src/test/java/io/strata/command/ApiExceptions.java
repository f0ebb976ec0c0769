package io.strata.command;

import io.strata.platform.web.ApiException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers on {@link ApiException} for Axon's {@code expectException(Matcher)}. */
public final class ApiExceptions {
    private ApiExceptions() {
    }

    public static Matcher<ApiException> apiException(int status, String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ApiException e) {
                return e.status() == status && code.equals(e.code());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an ApiException with status " + status + " and code " + code);
            }

            @Override
            protected void describeMismatchSafely(ApiException e, Description description) {
                description.appendText("was status " + e.status() + " code " + e.code() + ": " + e.getMessage());
            }
        };
    }

    public static Matcher<ApiException> notFound() {
        return apiException(404, "not_found");
    }
}
