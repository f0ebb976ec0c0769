package io.strata.command;

import io.strata.contract.Refusal;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers on {@link Refusal} for Axon's {@code expectException(Matcher)}. */
public final class Refusals {
    private Refusals() {
    }

    public static Matcher<Refusal> refusal(Refusal.Kind kind, String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Refusal e) {
                return e.kind() == kind && code.equals(e.code());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a Refusal of kind " + kind + " and code " + code);
            }

            @Override
            protected void describeMismatchSafely(Refusal e, Description description) {
                description.appendText("was kind " + e.kind() + " code " + e.code() + ": " + e.getMessage());
            }
        };
    }

    public static Matcher<Refusal> notFound() {
        return refusal(Refusal.Kind.NOT_FOUND, "not_found");
    }

    public static Matcher<Refusal> conflict(String code) {
        return refusal(Refusal.Kind.CONFLICT, code);
    }
}
