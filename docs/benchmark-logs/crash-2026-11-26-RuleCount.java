import com.mongodb.client.*;
import org.bson.Document;
import java.util.*;
public class Check // compiled to /tmp/crashcheck/classes (javac -cp <driver jars> -d …); the run script calls it "Check" {
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
