package io.cactus.dashboard.seed;

import org.springframework.boot.origin.Origin;

/**
 * A property value that a seed variable stands for: reported as {@code seed variable X}, the
 * variable's own origin (where it was set) as the parent.
 */
record SeedOrigin(String variables, Origin parent) implements Origin {

    @Override
    public Origin getParent() {
        return parent;
    }

    @Override
    public String toString() {
        return "seed variable " + variables;
    }
}
