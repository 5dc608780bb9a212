package dev.almanac.rules.missed;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * Holds the scheduled missed-run check while rule-expander's state is rebuilt from the topics (dev.almanac.rules.repair):
 * a check of rules whose run reports are not yet read again would report runs that happened as missed.
 */
@Component
public class MissedCheckHold {

    private final AtomicBoolean held = new AtomicBoolean();

    public void hold() {
        held.set(true);
    }

    public void release() {
        held.set(false);
    }

    boolean held() {
        return held.get();
    }
}
