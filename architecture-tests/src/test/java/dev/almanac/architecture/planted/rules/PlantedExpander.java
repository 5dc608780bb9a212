package dev.almanac.architecture.planted.rules;

import dev.almanac.architecture.planted.conflicts.PlantedDetector;

/** Deliberately wrong: one "service" calling another's code. Lives only in test sources. */
public class PlantedExpander {

    public int callAcrossServices() {
        return new PlantedDetector().conflicts();
    }
}
