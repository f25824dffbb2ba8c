package io.cactus.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@ExtendWith(OutputCaptureExtension.class)
class AdminPasswordTest {

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);

    @Test
    void withoutAPasswordOneIsGeneratedAndLoggedOnce(CapturedOutput output) {
        UserDetailsService users = new SecurityConfig().adminUser("admin", "", encoder);

        Matcher logged = Pattern.compile("Generated password for admin user 'admin':\\s+(\\S+)").matcher(output.getAll());
        assertThat(logged.find()).as("the generated password is logged").isTrue();
        String password = logged.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(logged.find()).as("logged only once").isFalse();

        UserDetails admin = users.loadUserByUsername("admin");
        assertThat(encoder.matches(password, admin.getPassword())).isTrue();
    }

    @Test
    void aGivenPasswordIsUsedAndNeverLogged(CapturedOutput output) {
        UserDetailsService users = new SecurityConfig().adminUser("boss", "chosen-secret", encoder);

        assertThat(output.getAll()).doesNotContain("chosen-secret").doesNotContain("Generated password");
        assertThat(encoder.matches("chosen-secret", users.loadUserByUsername("boss").getPassword())).isTrue();
    }
}
