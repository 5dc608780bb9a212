package dev.almanac.query.resource;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code resource_days} read model: per resource and UTC day, the intervals of the items that
 * book it ({@link ResourceDay}), derived from the entries by {@link ResourceDayPlacements}. A
 * resource's bookings over a week are eight key lookups.
 */
@Component
public class ResourceDays implements ReadModel {

    public static final String COLLECTION = "resource_days";

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }
}
