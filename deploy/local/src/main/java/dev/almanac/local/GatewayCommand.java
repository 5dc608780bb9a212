package dev.almanac.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.almanac.console.ConsoleServer;
import dev.almanac.local.gateway.Gateway;
import dev.almanac.tools.commandline.CommandOptions;

/**
 * {@code LOADER_MAIN=dev.almanac.local.GatewayCommand java -jar almanac-local.jar}: the local stack's gateway alone,
 * routing by the same HTTPRoute in front of services that run elsewhere, such as the containers of
 * {@code deploy/compose/compose.yaml}. It gives that stack the one base URL {@code ./run-local} gives.
 */
public final class GatewayCommand {

    static final String USAGE = """
            usage: LOADER_MAIN=dev.almanac.local.GatewayCommand java -jar almanac-local.jar
                     [--bind 127.0.0.1] [--port 8080] [--command-service URL]
                     [--query-service URL] [--rule-expander URL] [--conflict-detector URL] [--console URL]
              Runs the gateway alone: every API on one base URL, routed as deploy/k8s/base/httproute.yaml routes it.
              A service's URL defaults to http://<service>:<its port>, the name a compose file gives its container;
              the console's to http://console:8085.""";

    /** Where the gateway listens, and the base URL of each service it routes to, by service name. */
    record Settings(String bindAddress, int port, Map<String, String> backends) {
    }

    private GatewayCommand() {
    }

    /** Runs the gateway until the JVM is asked to stop; bad options end it with their message and the usage (exit 2). */
    public static void main(String[] args) throws InterruptedException {
        run(CommandOptions.readOrExit(args, GatewayCommand::settings, USAGE));
    }

    /** {@code --bind}, {@code --port}, a {@code --<service> URL} per service and {@code --console URL}, each optional; anything else is refused. */
    static Settings settings(List<String> args) {
        Set<String> serviceOptions = Stream.of(Service.values()).map(Service::serviceName).collect(Collectors.toSet());
        Set<String> known = Stream.concat(Stream.of("bind", "port", LocalStack.CONSOLE), serviceOptions.stream()).collect(Collectors.toSet());
        CommandOptions options = CommandOptions.parse("gateway", args, known, Set.of());
        Map<String, String> backends = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            backends.put(service.serviceName(),
                    options.value(service.serviceName(), "http://" + service.serviceName() + ":" + service.defaultPort()));
        }
        backends.put(LocalStack.CONSOLE, options.value(LocalStack.CONSOLE, "http://" + LocalStack.CONSOLE + ":" + ConsoleServer.DEFAULT_PORT));
        return new Settings(options.value("bind", LocalStack.Options.LOOPBACK), options.number("port", 0, AlmanacLocal.GATEWAY_PORT), backends);
    }

    static Gateway start(Settings settings) {
        return Gateway.start(settings.bindAddress(), settings.port(), LocalStack.routes(), settings.backends());
    }

    /** Starts the gateway and serves until the JVM is asked to stop. */
    private static void run(Settings settings) throws InterruptedException {
        Gateway gateway = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "almanac-gateway-stop"));
        System.out.println("Almanac gateway on " + settings.bindAddress() + ":" + gateway.port() + ", routing to " + settings.backends());
        stopped.await();
    }
}
