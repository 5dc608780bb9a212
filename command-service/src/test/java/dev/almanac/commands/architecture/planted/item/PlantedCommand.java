package dev.almanac.commands.architecture.planted.item;

import dev.almanac.commands.command.CommandMetadata;

/** Keeps the domain rule: a command that reads its actor from the neutral command package. */
public record PlantedCommand(String id) {

    public static final String ACTOR = CommandMetadata.ACTOR;
}
