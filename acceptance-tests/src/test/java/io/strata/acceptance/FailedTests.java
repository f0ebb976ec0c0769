package io.strata.acceptance;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Registered as a static extension of a test class on a {@link SplitDeployment}: remembers that a test
 * (or the class's setup, through {@link #record()}) failed, so that {@code @AfterAll} prints the end of
 * every process's log before the processes are stopped.
 */
final class FailedTests implements TestWatcher {
    private volatile boolean failed;

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    /** A failure outside a test method, e.g. in {@code @BeforeAll}. */
    void record() {
        failed = true;
    }

    boolean any() {
        return failed;
    }
}
