package dev.almanac.architecture.planted.events;

import org.springframework.stereotype.Component;

/** Deliberately wrong: a contract class that imports a framework. Lives only in test sources. */
@Component
public record PlantedEvent(String id) {
}
