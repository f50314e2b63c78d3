package org.zonekeeper.raft.internal;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.zonekeeper.api.NotFoundException;

/** Finds a host or VM named by the operator either by id or by name. */
final class Refs {

    private Refs() {
    }

    static <T> T find(List<T> items, String ref, String kind, ToLongFunction<T> id, Function<T, String> name) {
        return items.stream().filter(i -> Long.toString(id.applyAsLong(i)).equals(ref)).findFirst()
                .or(() -> items.stream().filter(i -> name.apply(i).equals(ref)).findFirst())
                .orElseThrow(() -> new NotFoundException("no " + kind + " '" + ref + "'"));
    }
}
