package io.cactus.dashboard.webhooks;

/** Reasons the dashboard gives the library, which listeners (alerts) recognise. */
public final class DashboardReasons {

    /** An admin disabled the endpoint (endpoints page or API): not worth an alert. */
    public static final String DISABLED_BY_HAND = "disabled by an admin";

    private DashboardReasons() {
    }
}
