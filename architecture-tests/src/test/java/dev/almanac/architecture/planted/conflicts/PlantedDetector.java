package dev.almanac.architecture.planted.conflicts;

/** The other side of the planted cross-service call. */
public class PlantedDetector {

    public int conflicts() {
        return 0;
    }
}
