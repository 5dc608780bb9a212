package dev.almanac.events;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A tenant of a multi-tenant deployment (ADR 0102). Its name begins every id of its own, {@code acme:ballroom}, and a
 * tenant name holds no {@code :}, so the first {@code :} of an id ends its tenant. An id names its tenant wherever it
 * travels: a key, a partition, a document and a state store need nothing else to be scoped.
 */
public record Tenant(@JsonValue String name) {

    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,31}";
    public static final Pattern VALID = Pattern.compile(PATTERN);
    private static final char SEPARATOR = ':';

    public Tenant {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("tenant must match " + PATTERN + " but was '" + name + "'");
        }
    }

    @JsonCreator
    public static Tenant of(String name) {
        return new Tenant(name);
    }

    /** The tenant an id begins with; empty for an id with no {@code :} or whose prefix is no tenant name. */
    public static Optional<Tenant> ofId(String id) {
        int end = id.indexOf(SEPARATOR);
        if (end <= 0) {
            return Optional.empty();
        }
        String prefix = id.substring(0, end);
        return VALID.matcher(prefix).matches() ? Optional.of(new Tenant(prefix)) : Optional.empty();
    }

    /** Whether {@code id} is this tenant's: it begins with the name and a {@code :}, and has more after it. */
    public boolean owns(String id) {
        return id.length() > name.length() + 1 && id.startsWith(name) && id.charAt(name.length()) == SEPARATOR;
    }

    /** {@code local} made an id of this tenant. */
    public String qualify(String local) {
        return name + SEPARATOR + local;
    }

    /** What an id of this tenant begins with, for a range of keys that holds only this tenant's. */
    public String prefix() {
        return name + SEPARATOR;
    }

    @Override
    public String toString() {
        return name;
    }
}
