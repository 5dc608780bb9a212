package dev.almanac.events.rule;

/**
 * What becomes of an occurrence that falls due while its rule already has {@code max_concurrent} runs in flight
 * (Temporal's overlap policy, Kubernetes' concurrency policy): {@link #SKIP} it, keep it waiting as the one
 * {@link #BUFFER_ONE} until a run finishes (a newer one replaces it), or {@link #ALLOW} it anyway.
 */
public enum ConcurrencyPolicy {
    SKIP,
    BUFFER_ONE,
    ALLOW
}
