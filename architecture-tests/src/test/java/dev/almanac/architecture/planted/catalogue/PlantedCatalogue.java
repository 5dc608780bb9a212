package dev.almanac.architecture.planted.catalogue;

import java.util.List;

import dev.almanac.architecture.planted.catalogue.kind.PlantedKind;

/** Deliberately wrong: a module's root package that lists a subpackage's types, which implement a root type. */
public final class PlantedCatalogue {

    public static final List<Class<? extends PlantedBase>> TYPES = List.of(PlantedKind.class);

    private PlantedCatalogue() {
    }
}
