package io.cactus.dashboard.validate;

import org.springframework.core.env.Environment;

/** The admin user the dashboard is protected with. */
final class AdminCheck {

    private AdminCheck() {
    }

    static Check run(Environment env) {
        String name = "Admin user (ADMIN_USER / ADMIN_PASSWORD)";
        String user = env.getProperty("cactus.dashboard.admin.user");
        if (user == null || user.isBlank()) {
            return Check.fail(name, "ADMIN_USER (cactus.dashboard.admin.user) must not be blank");
        }
        String password = env.getProperty("cactus.dashboard.admin.password");
        return Check.pass(name, "'" + user + "', " + (password == null || password.isEmpty()
                ? "password generated and logged at startup" : "password set"));
    }
}
