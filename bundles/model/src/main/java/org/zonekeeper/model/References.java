package org.zonekeeper.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.zonekeeper.api.Field;
import org.zonekeeper.api.NotFoundException;

/**
 * Finds a host or VM named by the operator, the same way for writes and reads: an all-digit reference is an id
 * (names are never all digits), anything else a name, compared by its {@link Field#key}.
 */
public final class References {

    private References() {
    }

    public static <T> Optional<T> find(String ref, Function<Long, Optional<T>> byId, Function<String, Optional<T>> byName) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        return Field.isId(ref) ? byId.apply(Long.parseLong(ref)) : byName.apply(ref);
    }

    /** For the services' reads: the item, or a {@link NotFoundException} for the operator. */
    public static <T> T find(List<T> items, String ref, String kind, ToLongFunction<T> id, Function<T, String> name) {
        return find(ref, i -> items.stream().filter(t -> id.applyAsLong(t) == i).findFirst(),
                n -> items.stream().filter(t -> Objects.equals(Field.key(name.apply(t)), Field.key(n))).findFirst())
                .orElseThrow(() -> new NotFoundException("no " + kind + " '" + ref + "'"));
    }

    public static String notFound(String kind, String ref) {
        return "no " + kind + " '" + ref + "'";
    }
}
