package dev.almanac.platform.identity;

/** Whether ids are scoped by a tenant (ADR 0102). */
public enum TenancyMode {
    /** One namespace for every id, as before tenants: the default and the local stack's. */
    SINGLE,
    /**
     * Every caller belongs to a tenant named by the token's tenant claim, acts as {@code <tenant>:<subject>}, and sees
     * only ids that begin with {@code <tenant>:}; a platform admin picks the tenant per request, audited.
     */
    MULTI
}
