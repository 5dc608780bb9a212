package dev.almanac.architecture.planted.service.web;

import dev.almanac.architecture.planted.service.feature.PlantedController;

/** Deliberately wrong: plumbing that reaches into a feature, which itself uses this plumbing. Lives only in test sources. */
public class PlantedFilter {

    public static final int ORDER = 1;

    public String lookUp(String id) {
        return new PlantedController().find(id);
    }
}
