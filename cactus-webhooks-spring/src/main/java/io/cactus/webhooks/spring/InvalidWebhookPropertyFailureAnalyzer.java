package io.cactus.webhooks.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link InvalidWebhookPropertyException} into Boot's "APPLICATION FAILED TO START" report. */
class InvalidWebhookPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWebhookPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidWebhookPropertyException cause) {
        String description = "Webhooks could not be configured.\n\n    Property: " + cause.property()
                + cause.origin().map(origin -> "\n    Origin:   " + origin).orElse("")
                + "\n    Problem:  " + cause.problem();
        String action = "Give " + cause.property() + " a value without the problem above"
                + cause.origin().map(origin -> " (its value now comes from " + origin + ")").orElse("")
                + ", or set cactus.webhooks.enabled=false to start the application without webhooks.";
        return new FailureAnalysis(description, action, cause);
    }
}
