package dev.almanac.tools.commandline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code --name value} and {@code --flag} options of a command-line program ({@code dlt-replay},
 * {@code bench-load}, the gateway alone). Anything not declared, {@code --help} included, and an
 * option without its value are refused with an {@link IllegalArgumentException} whose message names
 * the option, so that a typo stops a program before it touches the stack.
 */
public final class CommandOptions {

    private final Map<String, String> values;
    private final Set<String> flags;

    private CommandOptions(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /**
     * @param valued the names (without {@code --}) that take a value
     * @param flags  the names that take none
     */
    public static CommandOptions parse(String command, List<String> args, Set<String> valued, Set<String> flags) {
        Map<String, String> values = new HashMap<>();
        Set<String> given = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String name = option.startsWith("--") ? option.substring(2) : "";
            if (flags.contains(name)) {
                given.add(name);
            } else if (valued.contains(name)) {
                if (i + 1 == args.size() || args.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                values.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException(command + " does not know " + option);
            }
        }
        return new CommandOptions(values, given);
    }

    /**
     * What {@code read} makes of a program's arguments; an argument it refuses ends the program, before it touches
     * anything, with the refusal's message and {@code usage} on standard error and exit code 2.
     */
    public static <T> T readOrExit(String[] args, Function<List<String>, T> read, String usage) {
        try {
            return read.apply(List.of(args));
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage() + "\n\n" + usage);
            System.exit(2);
            throw bad;
        }
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** The option as a whole number of at least {@code minimum}, if given. */
    public Optional<Long> number(String name, long minimum) {
        return value(name).map(text -> wholeNumber(name, text, minimum, Long.MAX_VALUE));
    }

    public int number(String name, int minimum, int fallback) {
        return value(name).map(text -> (int) wholeNumber(name, text, minimum, Integer.MAX_VALUE)).orElse(fallback);
    }

    /** A comma-separated list of whole numbers of at least {@code minimum}. */
    public List<Integer> numbers(String name, int minimum, String fallback) {
        return Arrays.stream(value(name, fallback).split(","))
                .map(text -> (int) wholeNumber(name, text, minimum, Integer.MAX_VALUE))
                .toList();
    }

    private static long wholeNumber(String name, String text, long minimum, long maximum) {
        long number;
        try {
            number = Long.parseLong(text.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("--" + name + " takes whole numbers, not " + text);
        }
        if (number < minimum || number > maximum) {
            throw new IllegalArgumentException("--" + name + " must be between " + minimum + " and " + maximum + ", not " + text);
        }
        return number;
    }
}
