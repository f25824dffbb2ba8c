package io.cactus.dashboard.domain;

/** The resource named in the URL does not exist: answered with 404. */
public class NotFoundException extends RuntimeException {

    private final String resource;
    private final long id;

    public NotFoundException(String resource, long id) {
        super("no " + resource + " with id " + id);
        this.resource = resource;
        this.id = id;
    }

    public String resource() {
        return resource;
    }

    public long id() {
        return id;
    }
}
