package org.zonekeeper.api.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a raw configuration against the one declaration of its keys, a component property type ({@code @interface
 * Config}): each method is a key (named as Declarative Services names it), its return type ({@code String},
 * {@code long}, {@code int}, {@code boolean}, {@code double}) the value's type, its default the value of a missing
 * key, and {@link Limits} its range; a key without a default is required (not blank).
 * Rules that need the component's own code (several keys together, a file that must be readable) are added with
 * {@link #rule} and {@link #read}. Every problem is collected, and {@link #orThrow} reports them all at once:
 *
 * <pre>
 * ConfigCheck.of(Config.class, PID, properties)
 *         .rule("probe.timeout.ms", c -&gt; c.probe_timeout_ms() &gt; c.interval_ms()
 *                 ? Optional.of(c.probe_timeout_ms() + " must not exceed interval.ms") : Optional.empty())
 *         .orThrow();
 * </pre>
 *
 * <p>A configuration that passes converts without loss under Felix SCR, so the component's injected {@code Config}
 * holds exactly these values. Keys that are not declared are left alone.
 *
 * @param <C> the component property type
 */
public final class ConfigCheck<C extends Annotation> {

    private final String pid;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, String> badKeys = new HashMap<>();
    private final List<InvalidConfigException.Problem> problems = new ArrayList<>();
    private final C config;

    private ConfigCheck(Class<C> type, String pid, Map<String, ?> properties) {
        this.pid = pid;
        Method[] methods = type.getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(PropertyName::of));
        for (Method method : methods) {
            String key = PropertyName.of(method);
            try {
                values.put(method.getName(), value(method, properties.get(key)));
            } catch (IllegalArgumentException e) {
                badKeys.put(method.getName(), key);
                problem(key, e.getMessage());
            }
        }
        this.config = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer(type, proxy, method, args)));
    }

    /**
     * Checks {@code properties} against {@code type}; {@code pid} begins every line of the refusal (for a factory
     * configuration, {@code FACTORYPID-NAME}).
     *
     * @throws IllegalArgumentException when {@code type} declares a key this check cannot convert (a programming
     *         error, not a configuration one)
     */
    public static <C extends Annotation> ConfigCheck<C> of(Class<C> type, String pid, Map<String, ?> properties) {
        for (Method method : type.getDeclaredMethods()) {
            Class<?> returned = method.getReturnType();
            boolean numeric = returned == long.class || returned == int.class || returned == double.class;
            if (!Conversion.supports(returned) || method.isAnnotationPresent(Limits.class) && !numeric) {
                throw new IllegalArgumentException(type.getName() + "." + method.getName() + " returns "
                        + returned.getSimpleName() + ": not a configuration type, or not one with limits");
            }
        }
        return new ConfigCheck<>(type, pid, properties);
    }

    /** The keys {@code type} declares, as Declarative Services names them. */
    public static Set<String> keys(Class<? extends Annotation> type) {
        return Arrays.stream(type.getDeclaredMethods()).map(PropertyName::of).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Adds the problem {@code rule} finds with {@code key}, if any. {@code rule} reads the checked values; a rule
     * that reads a key already refused is skipped (that key's problem is reported).
     */
    public ConfigCheck<C> rule(String key, Function<C, Optional<String>> rule) {
        Optional<String> problem = read(key, rule);
        if (problem != null) {
            problem.ifPresent(p -> problem(key, p));
        }
        return this;
    }

    /**
     * What {@code reader} makes of the checked values, or null when it cannot: an {@link InvalidConfigException}
     * it throws adds its problems, an {@link IllegalArgumentException} adds its message as the problem of
     * {@code key}, and a reader that reads a key already refused gives null without a new problem.
     */
    public <T> T read(String key, Function<C, T> reader) {
        try {
            return reader.apply(config);
        } catch (RefusedKey e) {
            return null;
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
        }
        return null;
    }

    /** Adds a problem found by the component itself: a key that must not be there, for one. */
    public ConfigCheck<C> problem(String key, String rule) {
        problems.add(new InvalidConfigException.Problem(key, rule));
        return this;
    }

    /** The problems found so far, in the order found: the declared keys by name, then the rules as added. */
    public List<InvalidConfigException.Problem> problems() {
        return List.copyOf(problems);
    }

    /**
     * The checked values as the component property type, defaults for missing keys, whether or not every key
     * checked out: reading a refused key throws an {@link IllegalStateException}. For code that stands in for the
     * component's injected configuration, tests for one.
     */
    public C config() {
        return config;
    }

    /**
     * The checked values as the component property type (defaults for missing keys), when every key checked out.
     *
     * @throws InvalidConfigException naming every problem, one line each
     */
    public C orThrow() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(pid, problems);
        }
        return config;
    }

    /** The value of {@code method}'s key: converted, checked against its limits, or its default when missing. */
    private static Object value(Method method, Object raw) {
        Object fallback = method.getDefaultValue();
        if (fallback == null && (raw == null || raw.toString().isBlank())) {
            throw new IllegalArgumentException("is required");
        }
        Class<?> type = method.getReturnType();
        // an int is checked as a long first, so a value far out of range is refused by its limits
        Object value = raw == null ? fallback : Conversion.convert(raw, type == int.class ? long.class : type);
        Limits limits = method.getAnnotation(Limits.class);
        if (limits != null) {
            within(limits, raw instanceof String ? raw : value, ((Number) value).doubleValue());
        }
        return type == int.class ? Conversion.narrow((Number) value) : value;
    }

    private static void within(Limits limits, Object written, double value) {
        if (limits.aboveMin()) {
            if (!(value > limits.min() && value <= limits.max())) {
                throw new IllegalArgumentException(written + " is out of range: above " + limits.min()
                        + " and at most " + limits.max());
            }
        } else if (value < limits.min() || value > limits.max()) {
            throw new IllegalArgumentException(Conversion.outOfRange(written, limits.unit(), limits.min(),
                    limits.max()));
        }
    }

    private Object answer(Class<C> type, Object proxy, Method method, Object[] args) {
        String name = method.getName();
        if (values.containsKey(name)) {
            return values.get(name);
        }
        if (badKeys.containsKey(name)) {
            throw new RefusedKey(badKeys.get(name));
        }
        return switch (name) {
            case "annotationType" -> type;
            case "toString" -> type.getSimpleName() + values;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(name);
        };
    }

    /** A refused key was read: whoever reads it learns nothing new, its problem is already reported. */
    private static final class RefusedKey extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RefusedKey(String key) {
            super(key + " was refused");
        }
    }
}
