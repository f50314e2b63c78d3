package org.zonekeeper.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range of a numeric configuration key, declared on its method of the component's {@code @interface Config}
 * next to its default, and enforced by {@link ConfigCheck}. A value outside it is refused as {@code "50 ms is out of
 * range 200..3600000"}, or with {@link #aboveMin()} as {@code "0 is out of range: above 0 and at most 1"}. The
 * range is declared here only: the key's metatype description need not repeat it, the refusal names it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Limits {

    /** The smallest value accepted (or the bound the value must exceed, with {@link #aboveMin()}). */
    long min();

    /** The largest value accepted. */
    long max();

    /** The unit written after the value in a refusal: {@code ms}; none by default. */
    String unit() default "";

    /** Whether the value must be strictly above {@link #min()}: for decimal fractions such as {@code 0.5}. */
    boolean aboveMin() default false;
}
