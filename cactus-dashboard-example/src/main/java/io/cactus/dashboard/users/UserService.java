package io.cactus.dashboard.users;

import io.cactus.dashboard.domain.ConflictException;
import io.cactus.dashboard.domain.Rows;
import io.cactus.dashboard.events.UserRegistered;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers users: the password is hashed here and goes no further than the hash column. A
 * registration announces {@link UserRegistered} (no password in it), stored as the
 * {@code user.registered} webhook in the same transaction by the webhook adapter.
 */
@Service
public class UserService {

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserService(UserRepository users, PasswordEncoder passwordEncoder, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public User register(UserRequest request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        // The unique constraint is the real guard (see the exception handler); this gives the usual case a clear answer.
        if (users.emailTaken(email)) {
            throw new ConflictException("email", "a user with this email already exists");
        }
        Instant now = Rows.truncate(clock.instant());
        User user = users.insert(email, request.name().trim(), passwordEncoder.encode(request.password()), now);
        events.publishEvent(new UserRegistered(user.id(), user.email(), user.name(), user.createdAt()));
        return user;
    }

    @Transactional(readOnly = true)
    public List<User> list() {
        return users.findAll();
    }
}
