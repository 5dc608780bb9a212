package dev.almanac.query.notification;

import java.util.List;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import dev.almanac.events.notification.NotificationRaised;

/**
 * The notifications this process has just listed, once their inboxes hold them, for the live streams of their
 * recipients. A stream that misses one (it was not open, or on another replica) refetches on {@code ready}.
 */
@Component
public class NotificationSignals {

    private final Sinks.Many<NotificationRaised> listed = Sinks.many().multicast().directBestEffort();

    void listed(List<NotificationRaised> notifications) {
        // The listener threads emit one at a time, so that no signal is lost to a concurrent emit.
        synchronized (listed) {
            notifications.forEach(listed::tryEmitNext);
        }
    }

    /** The notifications listed for {@code user} from now on. */
    public Flux<NotificationRaised> of(String user) {
        return listed.asFlux().filter(notification -> notification.recipient().value().equals(user));
    }
}
