package io.cactus.dashboard.clients;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/clients")
class ClientController {

    private final ClientService clients;

    ClientController(ClientService clients) {
        this.clients = clients;
    }

    @PostMapping
    ResponseEntity<Client> create(@Valid @RequestBody ClientRequest request) {
        Client client = clients.create(request);
        return ResponseEntity.created(URI.create("/api/clients/" + client.id())).body(client);
    }

    @PutMapping("/{id}")
    Client update(@PathVariable long id, @Valid @RequestBody ClientRequest request) {
        return clients.update(id, request);
    }

    @GetMapping("/{id}")
    Client get(@PathVariable long id) {
        return clients.get(id);
    }

    @GetMapping
    List<Client> list() {
        return clients.list();
    }
}
