package org.zonekeeper.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects every problem of one request, so that the operator learns all of them at once:
 * {@code invalid host: address: is 300 characters long; at most 255; vmm: is required}.
 */
public final class Validation {

    private final String subject;
    private final List<String> problems = new ArrayList<>();

    /** {@code subject} names what is checked: {@code host}, {@code VM}, {@code CreateHost}. */
    public Validation(String subject) {
        this.subject = subject;
    }

    public Validation check(Field field, String value) {
        field.problem(value).ifPresent(problems::add);
        return this;
    }

    /** Checks a value that names a host or VM by id or by name. */
    public Validation reference(String value) {
        return check(Field.REFERENCE, value);
    }

    /** Adds {@code problem} unless {@code ok}. */
    public Validation require(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
        return this;
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The one-line refusal naming every problem, empty when there is none. */
    public Optional<String> refusal() {
        return isValid() ? Optional.empty() : Optional.of("invalid " + subject + ": " + String.join("; ", problems));
    }

    /** For the services at the door: the refusal as a {@link ZoneException}, nothing when valid. */
    public void orThrow() {
        refusal().ifPresent(r -> {
            throw new ZoneException(r);
        });
    }
}
