package dev.almanac.events.notification;

import java.util.List;

/** The channels that notifications of one category reach; a category not listed reaches the centre and every channel configured. */
public record ChannelChoice(NotificationCategory category, List<DeliveryChannel> channels) {

    public ChannelChoice {
        channels = List.copyOf(channels);
    }
}
