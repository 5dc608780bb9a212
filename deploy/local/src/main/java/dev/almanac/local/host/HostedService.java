package dev.almanac.local.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One service as the host runs it: its executable jar, its own environment variables and its arguments.
 *
 * <p>The launcher tells the host what to run in the host's command line and environment. The command line is each
 * service's name and jar ({@code command-service=/path/command-service.jar}), each followed by that service's own
 * arguments ({@code --name=value}); the environment carries each service's variables as
 * {@code ALMANAC_HOSTED__COMMAND_SERVICE__NAME=value}, where no other process can read them. The host hands a service
 * its variables as {@code --almanac.hosted.env.NAME=value} (shared-platform's {@code HostedEnvironment} reads them back
 * as environment variables).
 */
public record HostedService(String name, Path jar, Map<String, String> environment, List<String> arguments) {

    static final String VARIABLE_PREFIX = "ALMANAC_HOSTED__";
    /** The host's argument for the service's variables: shared-platform's {@code HostedEnvironment.ARGUMENT_PREFIX}. */
    static final String HOSTED_VARIABLE_ARGUMENT = "--almanac.hosted.env.";

    public HostedService {
        environment = Map.copyOf(environment);
        arguments = List.copyOf(arguments);
    }

    /** The name under which the host's environment carries {@code variable} for the service {@code service}. */
    public static String hostVariable(String service, String variable) {
        return VARIABLE_PREFIX + key(service) + "__" + variable;
    }

    /** The host's command-line arguments that name {@code service}'s jar and its own arguments. */
    public static List<String> hostArguments(String service, Path jar, List<String> arguments) {
        List<String> all = new ArrayList<>();
        all.add(service + "=" + jar);
        for (String argument : arguments) {
            if (!argument.startsWith("--")) {
                throw new IllegalArgumentException(service + "'s argument '" + argument + "' is not a --name=value option");
            }
            all.add(argument);
        }
        return all;
    }

    /** The services the host's command line and environment name, in order. */
    static List<HostedService> parse(List<String> commandLine, Map<String, String> hostEnvironment) {
        List<HostedService> services = new ArrayList<>();
        String name = null;
        Path jar = null;
        List<String> arguments = new ArrayList<>();
        for (String argument : commandLine) {
            if (argument.startsWith("--")) {
                if (name == null) {
                    throw new IllegalArgumentException("'" + argument + "' comes before any service=jar");
                }
                arguments.add(argument);
                continue;
            }
            int equals = argument.indexOf('=');
            if (equals <= 0 || equals == argument.length() - 1) {
                throw new IllegalArgumentException("'" + argument + "' is neither service=jar nor a --name=value option");
            }
            if (name != null) {
                services.add(new HostedService(name, jar, variablesOf(name, hostEnvironment), arguments));
            }
            name = argument.substring(0, equals);
            jar = Path.of(argument.substring(equals + 1));
            arguments = new ArrayList<>();
        }
        if (name == null) {
            throw new IllegalArgumentException("no service to run: give service=jar for each");
        }
        services.add(new HostedService(name, jar, variablesOf(name, hostEnvironment), arguments));
        return services;
    }

    private static Map<String, String> variablesOf(String service, Map<String, String> hostEnvironment) {
        String prefix = VARIABLE_PREFIX + key(service) + "__";
        Map<String, String> variables = new LinkedHashMap<>();
        hostEnvironment.forEach((variable, value) -> {
            if (variable.startsWith(prefix) && variable.length() > prefix.length()) {
                variables.put(variable.substring(prefix.length()), value);
            }
        });
        return variables;
    }

    private static String key(String service) {
        return service.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** What the service's main is given: its own arguments, then its variables as hosted-variable arguments. */
    String[] mainArguments() {
        List<String> all = new ArrayList<>(arguments);
        environment.forEach((variable, value) -> all.add(HOSTED_VARIABLE_ARGUMENT + variable + "=" + value));
        return all.toArray(String[]::new);
    }
}
