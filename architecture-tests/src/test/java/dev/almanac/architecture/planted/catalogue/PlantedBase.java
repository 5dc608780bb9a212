package dev.almanac.architecture.planted.catalogue;

/** The root type of the planted catalogue. */
public interface PlantedBase {
}
