package io.cactus.dashboard.users;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/users}. The password is at most 72 characters because BCrypt ignores
 * what lies beyond 72 bytes.
 */
public record UserRequest(
        @NotBlank @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(min = 8, max = 72) String password) {

    /** Leaves out the password, so that no log line or exception message can carry it. */
    @Override
    public String toString() {
        return "UserRequest[email=" + email + ", name=" + name + ", password=***]";
    }
}
