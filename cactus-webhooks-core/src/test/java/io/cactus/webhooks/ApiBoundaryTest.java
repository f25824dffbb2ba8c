package io.cactus.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public API of core exposes nothing of {@code io.cactus.webhooks.internal}: no public or
 * protected member of a type outside it takes, returns, throws or declares an internal type, and
 * no such type extends or implements one. (Other modules not depending on internal is checked in
 * the fault suite's and benchmarks' boundary tests, which see those modules' classes.)
 */
public class ApiBoundaryTest { // public: its LeakyApi must be reachable API for the positive control

    private static final String INTERNAL = "io.cactus.webhooks.internal";

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cactus.webhooks");
    }

    /** Where public API outside internal mentions an internal type, one line per place. */
    static List<String> leaks(JavaClasses classes) {
        List<String> leaks = new ArrayList<>();
        for (JavaClass c : classes) {
            if (c.getPackageName().startsWith(INTERNAL) || !isApi(c)) {
                continue;
            }
            for (JavaType t : supertypes(c)) {
                internalIn(t).forEach(i -> leaks.add(c.getName() + " extends or implements " + i));
            }
            for (JavaMember m : c.getMembers()) {
                if (!(m.getModifiers().contains(JavaModifier.PUBLIC) || m.getModifiers().contains(JavaModifier.PROTECTED))) {
                    continue;
                }
                for (JavaType t : signature(m)) {
                    internalIn(t).forEach(i -> leaks.add(m.getFullName() + " exposes " + i));
                }
            }
        }
        return leaks.stream().distinct().toList();
    }

    /** Public, and every enclosing class public too: reachable from outside the package. */
    private static boolean isApi(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass();
    }

    private static List<JavaType> supertypes(JavaClass c) {
        List<JavaType> all = new ArrayList<>();
        c.getSuperclass().ifPresent(all::add);
        all.addAll(c.getInterfaces());
        return all;
    }

    private static List<JavaType> signature(JavaMember m) {
        List<JavaType> types = new ArrayList<>();
        if (m instanceof JavaField f) {
            types.add(f.getType());
        } else if (m instanceof JavaCodeUnit u) {
            types.add(u.getReturnType());
            types.addAll(u.getParameterTypes());
            u.getThrowsClause().getTypes().forEach(types::add);
        }
        return types;
    }

    private static Set<String> internalIn(JavaType type) {
        Set<String> found = new LinkedHashSet<>();
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (raw.getPackageName().startsWith(INTERNAL)) {
                found.add(raw.getName());
            }
        }
        return found;
    }

    @Test
    void noPublicSignatureOutsideInternalExposesAnInternalType() {
        assertThat(core.contain(Webhooks.class)).as("the import found core's classes").isTrue();
        assertThat(core.contain(io.cactus.webhooks.internal.Engine.class)).isTrue();

        assertThat(leaks(core)).isEmpty();
    }

    @Test
    void theCheckFindsALeakWhereThereIsOne() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class, LeakyApi.Nested.class,
                io.cactus.webhooks.internal.Engine.class);

        assertThat(leaks(leaky)).containsExactlyInAnyOrder(
                LeakyApi.class.getName() + ".engine(java.util.List) exposes " + INTERNAL + ".Engine",
                LeakyApi.Nested.class.getName() + " extends or implements " + INTERNAL + ".Messages$Access",
                LeakyApi.class.getName() + ".settings exposes " + INTERNAL + ".DispatcherSettings");
    }

    @Test
    void theHotPathsOfTheLibraryAreNotApi() throws Exception {
        assertThat(WebhookMessage.class.getMethods()).extracting(java.lang.reflect.Method::getName)
                .doesNotContain("unsafeBody", "trusted");
        Class<?> dns = Class.forName("io.cactus.webhooks.http.SsrfGuardingDns");
        assertThat(java.lang.reflect.Modifier.isPublic(dns.getModifiers())).isFalse();
        assertThat(core.contain("io.cactus.webhooks.EventEncoder")).isFalse();
        assertThat(WebhookPublisher.class.isAssignableFrom(Webhooks.class)).isFalse();
    }

    /** A public type that leaks internal types three ways: the positive control of the check. */
    public static final class LeakyApi {
        public io.cactus.webhooks.internal.DispatcherSettings settings;

        public io.cactus.webhooks.internal.Engine engine(List<io.cactus.webhooks.internal.Engine> unused) {
            throw new UnsupportedOperationException();
        }

        /** Not a leak: private. */
        private io.cactus.webhooks.internal.Engine hidden() {
            throw new UnsupportedOperationException();
        }

        public abstract static class Nested implements io.cactus.webhooks.internal.Messages.Access {
        }
    }
}
