package io.cactus.webhooks.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The share of the dispatcher's buffer ({@code batchSize} claims held ahead of sending) by group
 * (each tenant, and the application's own endpoints without one), for when the buffer is full: the
 * groups holding less than an equal share may still claim up to their share, the others not. So
 * one tenant's many backlogged endpoints holding the whole buffer cannot keep another tenant's
 * fresh deliveries from being claimed until the first tenant's buffer drains. While the buffer has
 * room the claim goes as usual (every group, its limit shared in turns by the store), so a group
 * alone with work still gets the whole buffer.
 *
 * <p>A pure rule; not thread-safe (the claim loop's thread only builds and reads the tallies).
 */
final class DispatcherBufferShare {

    /** One group's part in a claim round. */
    static final class Tally {
        /** The room its endpoints with room want. */
        int wanted;
        /** The claims its lanes hold. */
        int buffered;
    }

    private DispatcherBufferShare() {
    }

    /**
     * The groups that may claim although the buffer is full, and how much each.
     *
     * @param groups every group with an enabled endpoint, in any order
     * @param maxBuffer the buffer's size ({@code batchSize})
     * @return each group under its share (the buffer divided equally among the groups that want
     *     room or hold claims) to the room it may claim: what it wants, at most what its share has
     *     left; empty with fewer than two such groups (the buffer is then the one group's)
     */
    static <G> Map<G, Integer> underShare(Map<G, Tally> groups, int maxBuffer) {
        int competing = 0;
        for (Tally t : groups.values()) {
            if (t.wanted > 0 || t.buffered > 0) {
                competing++;
            }
        }
        if (competing < 2) {
            return Map.of();
        }
        int share = (maxBuffer + competing - 1) / competing;
        Map<G, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<G, Tally> e : groups.entrySet()) {
            Tally t = e.getValue();
            int room = Math.min(t.wanted, share - t.buffered);
            if (room > 0) {
                out.put(e.getKey(), room);
            }
        }
        return out;
    }
}
