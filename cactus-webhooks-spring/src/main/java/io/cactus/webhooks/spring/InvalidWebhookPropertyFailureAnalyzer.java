package io.cactus.webhooks.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link InvalidWebhookPropertyException} into Boot's "APPLICATION FAILED TO START" report. */
class InvalidWebhookPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWebhookPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidWebhookPropertyException cause) {
        String description = "Webhooks could not be configured.\n\n    Property: " + cause.property()
                + "\n    Problem:  " + cause.problem();
        String action = "Correct " + cause.property() + " (see docs/spring-boot.md for every property and its"
                + " default), or turn webhooks off with cactus.webhooks.enabled=false.";
        return new FailureAnalysis(description, action, cause);
    }
}
