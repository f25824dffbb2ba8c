package io.cactus.dashboard.validate;

/** The outcome of one configuration check: a name and, for a failure, the reason. */
record Check(String name, boolean passed, String detail) {

    static Check pass(String name, String detail) {
        return new Check(name, true, detail);
    }

    static Check fail(String name, String reason) {
        return new Check(name, false, reason);
    }

    /** {@code [PASS] name (detail)} or {@code [FAIL] name : reason}. */
    String line() {
        if (passed) {
            return "[PASS] " + name + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
        }
        return "[FAIL] " + name + " : " + detail;
    }
}
