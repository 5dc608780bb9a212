package dev.almanac.conflicts.command;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import dev.almanac.platform.json.AlmanacJson;

/**
 * conflict-detector's own topics for lifecycle commands: requests in, outcomes out. They are
 * internal, not contracts: nothing else reads or writes them. The command topic has the partition
 * count of the input topics, so that its partition <i>p</i> is handled by the task that owns
 * partition <i>p</i> of the calendars; both travel as JSON with the event convention.
 */
public final class CommandTopics {

    public static final String COMMANDS = "conflict-detector-commands";
    public static final String OUTCOMES = "conflict-detector-command-outcomes";
    public static final List<String> ALL = List.of(COMMANDS, OUTCOMES);

    private static final JsonMapper JSON = AlmanacJson.eventMapper();

    private CommandTopics() {
    }

    public static byte[] encode(ConflictCommand command) {
        return JSON.writeValueAsBytes(command);
    }

    public static ConflictCommand decodeCommand(byte[] value) {
        return JSON.readValue(value, ConflictCommand.class);
    }

    public static byte[] encode(CommandOutcome outcome) {
        return JSON.writeValueAsBytes(outcome);
    }

    public static CommandOutcome decodeOutcome(byte[] value) {
        return JSON.readValue(value, CommandOutcome.class);
    }
}
