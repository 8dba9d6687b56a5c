package dev.flatcarmirror.web.pages;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser tests only where Chromium and its driver are installed. CI sets
 * {@code MIRROR_REQUIRE_BROWSER=true} after installing them, and there a missing browser fails
 * the build rather than silently skipping what it is meant to check.
 */
class RequiresChromium implements ExecutionCondition {

    static final String INSTALL = "apt-get install chromium chromium-driver";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Chromium.installed()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        String missing = Chromium.BINARY + " or " + Chromium.DRIVER + " is missing";
        if ("true".equals(System.getenv("MIRROR_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("MIRROR_REQUIRE_BROWSER=true but " + missing + ": " + INSTALL);
        }
        return ConditionEvaluationResult.disabled(missing + "; to run the browser tests: " + INSTALL);
    }
}
