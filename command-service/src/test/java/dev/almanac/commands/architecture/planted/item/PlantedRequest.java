package dev.almanac.commands.architecture.planted.item;

import java.time.ZoneId;

import dev.almanac.commands.web.Zones;

/** A request body, which may use the web plumbing. */
public record PlantedRequest(String timezone) {

    public ZoneId zone() {
        return Zones.parse("timezone", timezone);
    }
}
