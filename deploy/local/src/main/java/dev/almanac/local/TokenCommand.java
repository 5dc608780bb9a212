package dev.almanac.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.tools.commandline.CommandOptions;

/**
 * {@code ./run-local token --user alice [--roles admin,staff] [--tenant acme] [--minutes 60]}: prints a bearer token of
 * the local issuer, which a stack started with {@code ALMANAC_IDENTITY_MODE=jwt} trusts (issue 73 part 7). The key
 * pair is the one in {@code ALMANAC_HOME}, made on first use, so a token minted before the stack starts is good too.
 */
final class TokenCommand {

    static final String NAME = "token";
    static final String USAGE = """
            usage: ./run-local token --user <user id> [--roles <role,role>] [--tenant <tenant>] [--minutes <n>]
              --user     the token's subject, the acting user (required)
              --roles    roles in the token's roles claim: admin; platform-admin with tenants (default none)
              --tenant   the tenant claim, for a stack with ALMANAC_IDENTITY_TENANCY=multi (ADR 0102)
              --minutes  how long the token is valid (default 60)
            Then: curl -H "Authorization: Bearer $(./run-local token --user alice --roles admin)" http://127.0.0.1:8080/api/v1/calendars""";

    private TokenCommand() {
    }

    static void run(List<String> args, Path home) {
        Request request = CommandOptions.readOrExit(args.toArray(String[]::new), TokenCommand::read, USAGE);
        LocalIssuer issuer = LocalIssuer.of(home, Clock.systemUTC());
        try {
            System.out.println(issuer.mint(request.user(), request.roles(), request.tenant(), request.valid()));
        } catch (IllegalArgumentException refused) {
            // A user or tenant the services would refuse: said now, not as a 401 later.
            System.err.println(refused.getMessage() + "\n\n" + USAGE);
            System.exit(2);
        }
    }

    record Request(String user, List<String> roles, @Nullable String tenant, Duration valid) {
    }

    static Request read(List<String> args) {
        CommandOptions options = CommandOptions.parse(NAME, args, Set.of("user", "roles", "tenant", "minutes"), Set.of());
        String user = options.value("user").orElseThrow(() -> new IllegalArgumentException("--user is required"));
        List<String> roles = Arrays.stream(options.value("roles", "").split(",")).map(String::trim).filter(role -> !role.isEmpty()).toList();
        return new Request(user, roles, options.value("tenant").orElse(null), Duration.ofMinutes(options.number("minutes", 1, 60)));
    }
}
