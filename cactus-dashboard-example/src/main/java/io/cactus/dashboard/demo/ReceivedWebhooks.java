package io.cactus.dashboard.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last requests the demo receiver got, newest first, in memory: the demo shows what arrives,
 * it is no audit log (the deliveries and attempts are in the webhook tables). Thread-safe.
 */
public final class ReceivedWebhooks {

    private final int capacity;
    private final Deque<ReceivedWebhook> entries = new ArrayDeque<>();

    public ReceivedWebhooks(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void add(ReceivedWebhook entry) {
        entries.addFirst(entry);
        while (entries.size() > capacity) {
            entries.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<ReceivedWebhook> list() {
        return List.copyOf(new ArrayList<>(entries));
    }

    public int capacity() {
        return capacity;
    }
}
