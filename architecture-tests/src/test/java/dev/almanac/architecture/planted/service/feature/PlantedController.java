package dev.almanac.architecture.planted.service.feature;

import dev.almanac.architecture.planted.service.web.PlantedFilter;

/** The feature side of the planted cycle: it orders itself by the plumbing. */
public class PlantedController {

    public String find(String id) {
        return id + PlantedFilter.order();
    }
}
