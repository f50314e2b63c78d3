package org.zonekeeper.raft.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.zonekeeper.api.NotFoundException;

/** Finds a host or VM named by the operator either by id or by name, the same way for writes and reads. */
final class Refs {

    private Refs() {
    }

    static <T> T find(String ref, String kind, Function<Long, Optional<T>> byId, Function<String, Optional<T>> byName) {
        Optional<T> found = ref.matches("\\d+") ? byId.apply(Long.parseLong(ref)) : Optional.empty();
        return found.or(() -> byName.apply(ref)).orElseThrow(() -> new NotFoundException("no " + kind + " '" + ref
                + "'"));
    }

    static <T> T find(List<T> items, String ref, String kind, ToLongFunction<T> id, Function<T, String> name) {
        return find(ref, kind, i -> items.stream().filter(t -> id.applyAsLong(t) == i).findFirst(),
                n -> items.stream().filter(t -> name.apply(t).equals(n)).findFirst());
    }
}
