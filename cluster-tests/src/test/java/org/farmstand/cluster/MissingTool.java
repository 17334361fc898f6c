package org.farmstand.cluster;

import org.junit.jupiter.api.Assumptions;

/** A system tool a test needs is not installed: the test is skipped on a developer's machine, fails on CI. */
final class MissingTool {

    private MissingTool() {
    }

    /**
     * Aborts (skips) the test, or with {@code CI} set fails it: {@code .ci/run} installs every tool the tests need.
     *
     * @param locally what the skip says
     * @param onCi    what the failure says
     */
    static void skipOrFail(String locally, String onCi) {
        String ci = System.getenv("CI");
        if (ci == null || ci.isBlank()) {
            Assumptions.abort(locally);
        }
        throw new AssertionError(onCi);
    }
}
