package dev.almanac.architecture.planted.catalogue.kind;

import dev.almanac.architecture.planted.catalogue.PlantedBase;

/** A subpackage's type that implements the root's: with the catalogue's list, a cycle through the root package. */
public record PlantedKind(String id) implements PlantedBase {
}
