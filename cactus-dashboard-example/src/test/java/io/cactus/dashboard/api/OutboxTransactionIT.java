package io.cactus.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.dashboard.ApiTestSupport;
import io.cactus.dashboard.clients.Client;
import io.cactus.dashboard.clients.ClientRequest;
import io.cactus.dashboard.clients.ClientService;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/** The business row and its webhook message commit together, or neither does. */
class OutboxTransactionIT extends ApiTestSupport {

    @Autowired
    ClientService clients;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void constraintViolationAfterPublishRollsBackBothTheClientAndItsMessage() throws Exception {
        assertThat(post("/api/users", "{\"email\":\"taken@example.com\",\"name\":\"T\",\"password\":\"long-enough-1\"}")
                .statusCode()).isEqualTo(201);
        AtomicLong clientId = new AtomicLong();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            Client client = clients.create(new ClientRequest("Doomed Ltd", "doomed@example.com"));
            clientId.set(client.id());
            // Inside the transaction, the message is already written beside the client ...
            assertThat(messages("client.created", client.id())).hasSize(1);
            // ... and a later failure in the same transaction takes both back.
            jdbc.update("INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    "taken@example.com", "Dup", "x", OffsetDateTime.now());
        })).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(clientId.get()).isPositive();
        assertThat(count("SELECT COUNT(*) FROM clients WHERE id = ?", clientId.get())).isZero();
        assertThat(messages("client.created", clientId.get())).isEmpty();
    }
}
