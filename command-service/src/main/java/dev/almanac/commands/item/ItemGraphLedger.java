package dev.almanac.commands.item;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkRole;

/**
 * Keeps {@code item_link} and {@code item_dependency} ({@link ItemGraph}) in step with the items.
 * Its processing group is subscribing (see application.yml) and propagates failures
 * ({@link ItemGraphConfiguration}), so a row and the event that says it commit together or not at
 * all. Each link is recorded from its follower's side; the primary's event says the same.
 */
@Component
@ProcessingGroup(ItemGraphLedger.PROCESSING_GROUP)
class ItemGraphLedger {

    static final String PROCESSING_GROUP = "item-graph";

    private final JdbcTemplate jdbc;

    ItemGraphLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ItemScheduled scheduled) {
        for (ItemId dependency : scheduled.dependencies()) {
            jdbc.update("INSERT INTO item_dependency (item_id, depends_on) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    scheduled.itemId().value(), dependency.value());
        }
    }

    /** A deleted item depends on nothing any more (ADR 0084); none depended on it, or it would not have been deleted. */
    @EventHandler
    void on(ItemDeleted deleted) {
        jdbc.update("DELETE FROM item_dependency WHERE item_id = ?", deleted.itemId().value());
    }

    /** A link written again for the same pair changes only its offset, which the graph does not hold. */
    @EventHandler
    void on(ItemLinked linked) {
        if (linked.role() == LinkRole.FOLLOWER) {
            jdbc.update("INSERT INTO item_link (follower_id, primary_id) VALUES (?, ?)"
                            + " ON CONFLICT (follower_id) DO UPDATE SET primary_id = EXCLUDED.primary_id",
                    linked.itemId().value(), linked.linkedItemId().value());
        }
    }

    @EventHandler
    void on(ItemUnlinked unlinked) {
        if (unlinked.role() == LinkRole.FOLLOWER) {
            jdbc.update("DELETE FROM item_link WHERE follower_id = ?", unlinked.itemId().value());
        }
    }
}
