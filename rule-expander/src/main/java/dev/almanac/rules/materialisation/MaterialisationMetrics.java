package dev.almanac.rules.materialisation;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import dev.almanac.events.occurrence.RetractionReason;

/** Counts the occurrences published, by what started the pass, and those retracted, by why. */
@Component
public class MaterialisationMetrics {

    public static final String MATERIALISED = "almanac.rules.occurrences.materialised";
    public static final String RETRACTED = "almanac.rules.occurrences.retracted";

    private final Map<Trigger, Counter> materialised = new EnumMap<>(Trigger.class);
    private final Map<RetractionReason, Counter> retracted = new EnumMap<>(RetractionReason.class);

    public MaterialisationMetrics(MeterRegistry registry) {
        for (Trigger trigger : Trigger.values()) {
            materialised.put(trigger, Counter.builder(MATERIALISED)
                    .description("OccurrenceMaterialized events published and acknowledged")
                    .tag("trigger", trigger.tag())
                    .register(registry));
        }
        for (RetractionReason reason : RetractionReason.values()) {
            retracted.put(reason, Counter.builder(RETRACTED)
                    .description("OccurrenceRetracted events published and acknowledged")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    void retracted(RetractionReason reason, int occurrences) {
        retracted.get(reason).increment(occurrences);
    }

    void published(Trigger trigger, int occurrences) {
        materialised.get(trigger).increment(occurrences);
    }
}
