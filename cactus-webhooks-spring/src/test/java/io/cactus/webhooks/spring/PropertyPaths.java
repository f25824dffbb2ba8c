package io.cactus.webhooks.spring;

/** Property names as the tests need them. */
public final class PropertyPaths {

    private PropertyPaths() {
    }

    /**
     * A relaxed property path as a bean property path.
     *
     * @param relaxed such as {@code dispatcher.batch-size}
     * @return such as {@code dispatcher.batchSize}
     */
    public static String beanPath(String relaxed) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : relaxed.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
