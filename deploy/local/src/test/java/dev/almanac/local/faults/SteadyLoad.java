package dev.almanac.local.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.almanac.local.faults.AlmanacApi.Answer;

/**
 * A few commands a second, as the fault suite's steady load: items created and moved between five two-hour slots of one
 * day on six capacity-1 calendars, so that some slots hold two or more items (a conflict each); and now and then a
 * recurring rule on a calendar of its own, for rule-expander. Each calendar is one thread's, so an item's commands are
 * answered in the order sent, and the last acknowledgement of an item is its state.
 *
 * <p>A command without an answer (the gateway's connection cut, a timeout), or refused with a server error, may have been
 * applied or not: its item is uncertain until {@link #resolveUncertain()} gives it a state acknowledged after the fault.
 */
final class SteadyLoad implements AutoCloseable {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final int SLOTS = 5;
    private static final int CALENDARS = 6;
    private static final int ITEMS_PER_CALENDAR = 8;
    private static final int MAX_RULES = 14;
    private static final int THREADS = 2;
    private static final Duration PACE = Duration.ofMillis(400);

    /** An item as its last acknowledgement left it; {@code uncertain} while a command on it has no clear answer. */
    static final class Item {
        final String id;
        final String calendar;
        volatile int slot;
        volatile long version;
        volatile boolean created;
        volatile boolean uncertain;

        Item(String id, String calendar, int slot) {
            this.id = id;
            this.calendar = calendar;
            this.slot = slot;
        }
    }

    /** One command: when it was sent (nanoTime), how long its answer took, and its status (0: none). */
    record Sample(long sentAt, long nanos, int status) {
    }

    /** What the load met between two instants. */
    record Window(int acknowledged, int refused, int unanswered, Map<Integer, Integer> refusals, long p99Millis) {
    }

    private final AlmanacApi api;
    private final Instant day;
    private final List<String> calendars = new ArrayList<>();
    private final String rulesCalendar;
    private final Map<String, Item> items = new ConcurrentHashMap<>();
    /** Each acknowledged rule's hour of the day (New York). */
    private final Map<String, Integer> rules = new ConcurrentHashMap<>();
    private final Map<String, Integer> uncertainRules = new ConcurrentHashMap<>();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final ReadWriteLock commands = new ReentrantReadWriteLock();
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(THREADS);
    private volatile boolean running;

    private SteadyLoad(AlmanacApi api) {
        this.api = api;
        this.day = LocalDate.now(NEW_YORK).plusDays(7).atTime(LocalTime.of(8, 0)).atZone(NEW_YORK).toInstant();
        for (int i = 0; i < CALENDARS; i++) {
            calendars.add(createCalendar(1));
        }
        rulesCalendar = createCalendar(MAX_RULES);
    }

    /** Creates the calendars and starts the threads, paused. */
    static SteadyLoad start(AlmanacApi api) {
        SteadyLoad load = new SteadyLoad(api);
        for (int thread = 0; thread < THREADS; thread++) {
            int owner = thread;
            load.threads.scheduleWithFixedDelay(() -> load.step(owner), 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        return load;
    }

    private String createCalendar(int capacity) {
        String id = "cal-" + UUID.randomUUID();
        Answer answer = api.send("POST", "/calendars", Map.of("id", id, "name", "Fault room", "type", "venue",
                "timezone", NEW_YORK.getId(), "capacity", capacity, "overbooking_policy", "allow"));
        if (answer.status() != 201) {
            throw new IllegalStateException("POST /calendars: " + answer.status() + " " + answer.body());
        }
        return id;
    }

    void resume() {
        running = true;
    }

    /** Stops sending, and returns once no command is in flight. */
    void pause() {
        running = false;
        commands.writeLock().lock();
        commands.writeLock().unlock();
    }

    /** Waits until {@code count} more commands have been acknowledged: the load is flowing. */
    void awaitAcknowledged(int count) {
        int target = acknowledged.get() + count;
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= target);
    }

    /** Waits until {@code count} more commands have been sent and answered or not: the load has met what is going on. */
    void awaitSent(int count) {
        int target = samples.size() + count;
        await().atMost(Duration.ofSeconds(60)).until(() -> samples.size() >= target);
    }

    private void step(int owner) {
        if (!running) {
            return;
        }
        commands.readLock().lock();
        try {
            if (!running) {
                return;
            }
            if (owner == 0 && rules.size() + uncertainRules.size() < MAX_RULES && ThreadLocalRandom.current().nextInt(8) == 0) {
                createRule();
                return;
            }
            String calendar = calendars.get(owner + THREADS * ThreadLocalRandom.current().nextInt(CALENDARS / THREADS));
            List<Item> on = items.values().stream().filter(item -> item.calendar.equals(calendar)).toList();
            if (on.size() < ITEMS_PER_CALENDAR) {
                Item item = new Item("item-" + UUID.randomUUID(), calendar, ThreadLocalRandom.current().nextInt(SLOTS));
                items.put(item.id, item);
                create(item);
                return;
            }
            List<Item> certain = on.stream().filter(item -> item.created && !item.uncertain).toList();
            if (!certain.isEmpty()) {
                Item item = certain.get(ThreadLocalRandom.current().nextInt(certain.size()));
                reschedule(item, otherSlot(item.slot, -1));
            }
        } catch (RuntimeException unexpected) {
            // A scheduled task that throws is never run again; the load must outlive any surprise.
            unexpected.printStackTrace();
        } finally {
            commands.readLock().unlock();
        }
    }

    private Answer create(Item item) {
        Answer answer = record(api.send("POST", "/schedules", Map.of("id", item.id, "calendar_id", item.calendar,
                "title", "Fault load", "type", "meeting", "start", slotStart(item.slot).toString(),
                "end", slotStart(item.slot).plus(Duration.ofHours(1)).toString(), "timezone", NEW_YORK.getId())));
        if (answer.acknowledged()) {
            item.version = answer.version().orElseThrow();
            item.created = true;
            item.uncertain = false;
        } else if (answer.status() == 409) {
            // It exists: an earlier attempt without a clear answer was applied after all. Its version is unknown yet.
            item.created = true;
            item.uncertain = true;
        } else if (answer.unanswered() || answer.status() >= 500) {
            item.uncertain = true;
        } else {
            items.remove(item.id);
        }
        return answer;
    }

    private Answer reschedule(Item item, int slot) {
        Answer answer = record(api.send("POST", "/schedules/" + item.id + "/reschedule",
                Map.of("new_time", slotStart(slot).toString())));
        if (answer.acknowledged()) {
            item.slot = slot;
            item.version = answer.version().orElseThrow();
            item.uncertain = false;
        } else if (answer.unanswered() || answer.status() >= 500) {
            item.uncertain = true;
        }
        return answer;
    }

    private void createRule() {
        int hour = ruleHour(rules.size() + uncertainRules.size());
        String id = "rule-" + UUID.randomUUID();
        sendRule(id, hour);
    }

    private Answer sendRule(String id, int hour) {
        Answer answer = record(api.send("POST", "/schedules/rules", Map.of("id", id, "name", "Fault check", "cron", "0 " + hour + " * * *",
                "timezone", NEW_YORK.getId(), "queue", rulesCalendar,
                "job_template", Map.of("type", "health_check", "estimated_duration", "5m"))));
        if (answer.acknowledged() || answer.status() == 409) {
            uncertainRules.remove(id);
            rules.put(id, hour);
        } else if (answer.unanswered() || answer.status() >= 500) {
            uncertainRules.put(id, hour);
        }
        return answer;
    }

    /** Hours 1, 3, 5, ... and then 2, 4, ...: one rule an hour, never two at once. */
    private static int ruleHour(int index) {
        return index < 12 ? 1 + 2 * index : 2 + 2 * (index - 12);
    }

    private Answer record(Answer answer) {
        samples.add(new Sample(System.nanoTime() - answer.nanos(), answer.nanos(), answer.status()));
        if (answer.acknowledged()) {
            acknowledged.incrementAndGet();
        }
        return answer;
    }

    private static int otherSlot(int one, int other) {
        int slot;
        do {
            slot = ThreadLocalRandom.current().nextInt(SLOTS);
        } while (slot == one || slot == other);
        return slot;
    }

    /**
     * Gives every uncertain item and rule a state acknowledged now: an item whose creation is in doubt is created again (the
     * same command: applied already, it is refused as a duplicate or repeated), and then, as an item whose last move is in
     * doubt, moved again, until a move is acknowledged. Called while the load is paused.
     */
    void resolveUncertain() {
        for (Item item : items.values()) {
            if (!item.uncertain) {
                // Awaitility waits one poll interval before its first poll: half a second for each of ~50 items otherwise.
                continue;
            }
            await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!item.uncertain) {
                    return true;
                }
                if (!item.created) {
                    create(item);
                    if (!items.containsKey(item.id)) {
                        return true;
                    }
                }
                if (item.created && item.uncertain) {
                    // Wherever it is, a move acknowledged now says where it is and at which version.
                    reschedule(item, otherSlot(item.slot, -1));
                }
                return !item.uncertain;
            });
        }
        for (Map.Entry<String, Integer> rule : Map.copyOf(uncertainRules).entrySet()) {
            await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> sendRule(rule.getKey(), rule.getValue()).acknowledged() || rules.containsKey(rule.getKey()));
        }
    }

    Window window(long from, long till) {
        int acked = 0;
        int refused = 0;
        int unanswered = 0;
        Map<Integer, Integer> refusals = new TreeMap<>();
        List<Long> nanos = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.sentAt() < from || sample.sentAt() > till) {
                continue;
            }
            nanos.add(sample.nanos());
            if (sample.status() == 0) {
                unanswered++;
            } else if (sample.status() >= 200 && sample.status() < 300) {
                acked++;
            } else {
                refused++;
                refusals.merge(sample.status(), 1, Integer::sum);
            }
        }
        nanos.sort(null);
        long p99 = nanos.isEmpty() ? -1 : nanos.get((int) Math.ceil(nanos.size() * 0.99) - 1) / 1_000_000;
        return new Window(acked, refused, unanswered, refusals, p99);
    }

    Instant slotStart(int slot) {
        return day.plus(Duration.ofHours(2L * slot));
    }

    /** The first instant of the load's day in New York; the items' slots are on it from 08:00. */
    Instant dayStart() {
        return LocalDate.ofInstant(day, NEW_YORK).atStartOfDay(NEW_YORK).toInstant();
    }

    List<String> calendars() {
        return calendars;
    }

    String rulesCalendar() {
        return rulesCalendar;
    }

    Collection<Item> items() {
        return items.values();
    }

    Map<String, Integer> rules() {
        return Map.copyOf(rules);
    }

    int commandsSent() {
        return samples.size();
    }

    int commandsAcknowledged() {
        return acknowledged.get();
    }

    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
    }
}
