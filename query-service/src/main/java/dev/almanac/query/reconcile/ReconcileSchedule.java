package dev.almanac.query.reconcile;

import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Runs the reconcile daily, at {@code almanac.query.reconcile.cron} (UTC; default 03:30), on a thread of its own, woken
 * only at that time. {@code -} turns it off.
 */
@Component
class ReconcileSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReconcileSchedule.class);

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    ReconcileSchedule(ReadModelReconciler reconciler, @Value("${almanac.query.reconcile.cron:0 30 3 * * *}") String cron) {
        scheduler.setThreadNamePrefix("read-model-reconcile-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        if (!"-".equals(cron)) {
            scheduler.schedule(() -> {
                try {
                    reconciler.reconcile();
                } catch (RuntimeException e) {
                    // The next day's run tries again; the gauge of the last completed run shows that this one did not.
                    log.error("The daily reconcile of the read models failed", e);
                }
            }, new CronTrigger(cron, ZoneOffset.UTC));
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
