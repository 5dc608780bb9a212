package dev.almanac.commands.architecture.planted.item;

import dev.almanac.commands.web.Versions;

/** Breaks the domain rule on purpose: an aggregate that formats its own ETag with the web plumbing. */
public class PlantedAggregate {

    private long version;

    public String etag() {
        return Versions.etag(version);
    }
}
