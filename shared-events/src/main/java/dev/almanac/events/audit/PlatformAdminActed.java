package dev.almanac.events.audit;

import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A platform admin acted in a tenant (ADR 0102): one request, read or command, answered by any service. Recorded before
 * the answer is sent, so that no answer reaches support unrecorded. Keyed by the tenant, so that one tenant's record is
 * in order on one partition and a tenant's auditor reads them together. The envelope's source names the service, its
 * actor the platform admin, its correlation id and trace the request.
 *
 * @param tenant        the tenant the request acted in, as {@code X-Almanac-Tenant} named it
 * @param platformAdmin the platform admin's user id, {@code <their own tenant>:<subject>}
 * @param method        the request's HTTP method
 * @param path          the request's path, as sent (without the query)
 * @param status        the HTTP status of the answer
 */
public record PlatformAdminActed(
        Tenant tenant,
        UserId platformAdmin,
        String method,
        String path,
        int status) implements AuditEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return tenant.name();
    }

    @Override
    public String subject() {
        return tenant.name();
    }
}
