package dev.almanac.architecture.planted.service.web;

import dev.almanac.architecture.planted.service.feature.PlantedController;

/** Deliberately wrong: plumbing that reaches into a feature, which itself uses this plumbing. Lives only in test sources. */
public class PlantedFilter {

    /** A method, not a constant: javac copies a constant into its user, which then no longer depends on this class. */
    public static int order() {
        return 1;
    }

    public String lookUp(String id) {
        return new PlantedController().find(id);
    }
}
