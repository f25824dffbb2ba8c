package io.cactus.dashboard.config;

import io.cactus.dashboard.tokens.ApiTokenAuthenticationProvider;
import io.cactus.dashboard.tokens.ApiTokenService;
import io.cactus.dashboard.tokens.BearerTokenFilter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * One admin user: form login for the pages; for the JSON API, API tokens ({@code Authorization: Bearer cdt_...},
 * issued on the tokens page) or, as a fallback, HTTP Basic. The admin comes from {@code ADMIN_USER} /
 * {@code ADMIN_PASSWORD}; without a password one is generated and logged once, at startup.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    /**
     * The demo receiver: called by the webhook dispatcher, which has no login and no CSRF token.
     * It authenticates each request by its webhook signature, which a forger cannot produce.
     */
    @Bean
    @Order(0)
    SecurityFilterChain demoReceiverSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(request -> "POST".equals(request.getMethod())
                        && "/demo/receiver".equals(request.getServletPath()))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The webhooks portal (cactus-webhooks-portal, each client's own endpoints): it authenticates
     * itself, by the signed link the admin issues and then its own session cookie, and checks its own
     * CSRF token on every form and API write; so neither the dashboard's login nor its CSRF token apply
     * here. This chain matches the portal's path only; every dashboard page stays behind the login.
     */
    @Bean
    @Order(-1)
    SecurityFilterChain portalSecurityFilterChain(HttpSecurity http,
            @Value("${cactus.webhooks.portal.path:/webhooks-portal}") String portalPath) throws Exception {
        http.securityMatcher(portalPath, portalPath + "/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The JSON API: an API token ({@link BearerTokenFilter}: one SHA-256 and one indexed lookup) or HTTP
     * Basic (one BCrypt check, tens of milliseconds of CPU) on every request; no session, so no cookie
     * to forge and no CSRF token. A 401 names both schemes, Basic first (what older clients look for).
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiTokenService tokens) throws Exception {
        AuthenticationManager tokenCheck = new ProviderManager(new ApiTokenAuthenticationProvider(tokens));
        AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Realm\"");
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cactus-dashboard\"");
            response.sendError(HttpStatus.UNAUTHORIZED.value(), HttpStatus.UNAUTHORIZED.getReasonPhrase());
        };
        http.securityMatcher("/api/**")
                .addFilterBefore(new BearerTokenFilter(tokenCheck), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/clients/*/portal-link").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** The pages: form login with a session cookie, so every form carries a CSRF token (on by default). */
    @Bean
    @Order(2)
    SecurityFilterChain pageSecurityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error", "/favicon.ico", "/assets/**", "/health").permitAll()
                        .requestMatchers("/tokens/**", "/backups/**", "/clients/*/webhooks-portal").hasRole("ADMIN")
                        .requestMatchers("/reports/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll());
        return http.build();
    }

    /**
     * URLs the firewall refuses (an encoded {@code ;}, {@code ..}, {@code //} in the path) get the same
     * problem+json 400 as every other bad request, instead of the error page's plain JSON.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, ex) -> {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"The request URL contains characters that are not accepted.\"}")
                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * BCrypt with {@code cactus.dashboard.admin.password-hash-strength} log rounds (default 10). Every
     * API request sent with HTTP Basic pays one hash (API tokens do not): the process-level load tests
     * (cactus-webhooks-faults) lower it to 4 to measure webhooks rather than BCrypt. The hash only
     * lives in this process's memory, next to the password it was made from.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${cactus.dashboard.admin.password-hash-strength:10}") int strength) {
        if (strength < 4 || strength > 31) {
            throw new IllegalStateException("cactus.dashboard.admin.password-hash-strength must be 4 to 31, was " + strength);
        }
        return new BCryptPasswordEncoder(strength);
    }

    @Bean
    UserDetailsService adminUser(@Value("${cactus.dashboard.admin.user}") String user,
            @Value("${cactus.dashboard.admin.password:}") String password, PasswordEncoder encoder) {
        if (user == null || user.isBlank()) {
            throw new IllegalStateException("ADMIN_USER (cactus.dashboard.admin.user) must not be blank");
        }
        String effective = password;
        if (effective == null || effective.isEmpty()) {
            effective = generatePassword();
            log.warn("""

                    ************************************************************
                    No ADMIN_PASSWORD set. Generated password for admin user '{}':

                        {}

                    It is shown only this once. Set ADMIN_PASSWORD to choose one.
                    ************************************************************""", user, effective);
        }
        return new InMemoryUserDetailsManager(
                User.withUsername(user).password(encoder.encode(effective)).roles("ADMIN").build());
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
