// Saved here under a dated name; crash-2026-11-26-rule-expander-run.sh runs it as class Check, compiled from a copy named
// Check.java: javac -cp <mongodb-driver-sync, -core and bson 5.8.0 jars> -d /tmp/crashcheck/classes Check.java
import com.mongodb.client.*;
import org.bson.Document;
import java.util.*;
public class Check {
    // usage: Check <prefix> <count> [wait]: prints how many rules <prefix>-0..count-1 rule-expander's store holds; with wait, polls until all are there
    public static void main(String[] a) throws Exception {
        String prefix = a[0]; int n = Integer.parseInt(a[1]); boolean wait = a.length > 2;
        try (MongoClient c = MongoClients.create("mongodb://127.0.0.1:27017")) {
            MongoCollection<Document> rules = c.getDatabase("almanac_rule_expander").getCollection("rules");
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                List<String> ids = new ArrayList<>(); for (int i = 0; i < n; i++) ids.add(prefix + "-" + i);
                long found = rules.countDocuments(new Document("_id", new Document("$in", ids)));
                if (!wait || found == n || System.currentTimeMillis() > deadline) { System.out.println("rules found: " + found + " of " + n); return; }
                Thread.sleep(20);
            }
        }
    }
}
