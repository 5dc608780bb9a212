import com.sun.tools.attach.VirtualMachine;

import java.io.FileWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * usage: java BrokerRequests.java <launcher pid> <out file> <bench-load's output file> [interval seconds, default 5]
 *
 * <p>Attaches to the local stack's launcher, whose JVM hosts the Kafka broker, and every interval appends one line:
 * the UTC time, "steps" and the number of step lines bench-load has printed so far (the warm-up's rounds included),
 * then "name=count" for the broker's request counters so far. Requests by type are summed over API versions
 * (kafka.network RequestMetrics RequestsPerSec); fetch and produce requests by topic come from BrokerTopicMetrics (a
 * fetch of three topics counts once for each). Ends when the launcher does. Rates by step: steps.py beside this file.
 */
public class BrokerRequests {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final Pattern STEP_LINE = Pattern.compile("cmd/s: [0-9]* sent|^warm-up round");

    public static void main(String[] args) throws Exception {
        String pid = args[0];
        Path benchOutput = Path.of(args[2]);
        long every = args.length > 3 ? Long.parseLong(args[3]) * 1000 : 5000;
        VirtualMachine vm = VirtualMachine.attach(pid);
        String address = vm.startLocalManagementAgent();
        vm.detach();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
                PrintWriter out = new PrintWriter(new FileWriter(args[1], true), true)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName requests = new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*");
            ObjectName fetchesByTopic = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=TotalFetchRequestsPerSec,*");
            ObjectName producesByTopic = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=TotalProduceRequestsPerSec,*");
            while (true) {
                Map<String, Long> counts = new TreeMap<>();
                for (ObjectName name : server.queryNames(requests, null)) {
                    counts.merge("request:" + name.getKeyProperty("request"), count(server, name), Long::sum);
                }
                for (ObjectName name : server.queryNames(fetchesByTopic, null)) {
                    counts.merge("fetch:" + topic(name), count(server, name), Long::sum);
                }
                for (ObjectName name : server.queryNames(producesByTopic, null)) {
                    counts.merge("produce:" + topic(name), count(server, name), Long::sum);
                }
                if (counts.isEmpty()) {
                    break; // the launcher is stopping
                }
                StringBuilder line = new StringBuilder(LocalTime.now(ZoneOffset.UTC).format(CLOCK))
                        .append(" steps ").append(stepsDone(benchOutput));
                counts.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
                out.println(line);
                Thread.sleep(every);
            }
        } catch (java.io.IOException | java.lang.reflect.UndeclaredThrowableException launcherGone) {
            // The launcher stopped at the run's end.
        }
    }

    private static long stepsDone(Path benchOutput) throws java.io.IOException {
        try (var lines = Files.lines(benchOutput)) {
            return lines.filter(line -> STEP_LINE.matcher(line).find()).count();
        }
    }

    private static long count(MBeanServerConnection server, ObjectName name) throws Exception {
        return ((Number) server.getAttribute(name, "Count")).longValue();
    }

    private static String topic(ObjectName name) {
        String topic = name.getKeyProperty("topic");
        return topic == null ? "all" : topic;
    }
}
