package dev.almanac.query.config;

/** The heatmap's levels (F033-DENSITY), each with its colour in {@link CalendarConfiguration.DensityColors}. */
public enum DensityLevel {
    LOW, MEDIUM, HIGH, CRITICAL
}
