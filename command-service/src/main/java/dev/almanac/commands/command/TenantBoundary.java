package dev.almanac.commands.command;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.events.Tenant;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.problem.Violation;

/**
 * The tenant's boundary on every command (ADR 0102), before its handler loads anything: the one place a new command cannot
 * pass by, since Axon puts every {@code MessageHandlerInterceptor} bean on the command bus. For a caller of a tenant:
 * <ul>
 *   <li>the command's target (the aggregate it names, or a service's command's first id) of another tenant is refused as
 *       hidden, so the answer is the 404 of a target that does not exist, before any role, version or state is looked at;</li>
 *   <li>a creation's own id (client-chosen or not) of another tenant: 422 {@code id}, rule {@code tenant};</li>
 *   <li>a user (a grantee, a reminder's recipient, a calendar's staff owner) or a resource the command names of another
 *       tenant: 422 on its field, rule {@code tenant};</li>
 *   <li>calendars and items the body names are left to their handlers, which find another tenant's hidden
 *       ({@code CalendarTerms}, {@code KnownItems}), so they answer as an unknown one does.</li>
 * </ul>
 * A command without a tenant (single-tenant mode, the emergency sweep's) passes untouched.
 */
@Component
public class TenantBoundary implements MessageHandlerInterceptor<Message<?>> {

    /**
     * Store kinds whose ids are not the tenant's, scoped by their calendar's handler: a subscription's id is a random name,
     * a run's is mostly derived from its entry ({@code Run} checks the calendar, a chosen run id and the entry's id).
     */
    private static final Set<String> SCOPED_BY_THEIR_CALENDAR = Set.of("calendar-subscription", "run");

    /** The ids that name an entity of a tenant by themselves: a service's command names its target as the first of them. */
    private static final Set<Class<?>> ENTITIES = Set.of(CalendarId.class, ItemId.class, RuleId.class, ResourceId.class,
            ChangeRequestId.class, UserId.class);

    private final CommandTargetResolver targets;

    @Autowired
    public TenantBoundary(ObjectProvider<CommandTargetResolver> targets) {
        this(targets.getIfAvailable(() -> AnnotationCommandTargetResolver.builder().build()));
    }

    TenantBoundary(CommandTargetResolver targets) {
        this.targets = targets;
    }

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        if (unitOfWork.getMessage() instanceof CommandMessage<?> command) {
            Caller caller = CallerParameters.callerOf(command);
            if (caller.tenant() != null) {
                check(command, caller, caller.tenant());
            }
        }
        return interceptorChain.proceed();
    }

    void check(CommandMessage<?> command, Caller caller, Tenant tenant) {
        Object payload = command.getPayload();
        @Nullable Object own = null;
        if (payload instanceof CreationCommand creation) {
            String created = entityOf(creation.aggregateId());
            if (!caller.mayKnow(created)) {
                throw new CommandRejectedException(Reason.UNKNOWN_REFERENCE, "id", "tenant", "id " + created
                        + " is not of the caller's tenant: an id here begins with " + tenant.prefix());
            }
            own = created;
        } else {
            String target = targetOf(command);
            if (target != null && !caller.mayKnow(target)) {
                throw new CommandRejectedException(Reason.HIDDEN, "id", "exists", "not found");
            }
            own = target;
        }
        requireOwnIds(payload, caller, tenant);
        List<Violation> violations = new ArrayList<>();
        for (Named named : idsOf(payload)) {
            if (named.value().equals(own) || caller.mayKnow(named.value())) {
                continue;
            }
            if (named.id() instanceof UserId || named.id() instanceof ResourceId) {
                String kind = named.id() instanceof UserId ? "user" : "resource";
                violations.add(new Violation(named.field(), "tenant", named.field() + " " + named.value() + " is no " + kind
                        + " of the caller's tenant: an id here begins with " + tenant.prefix()));
            } else if (named.id() instanceof RuleId || named.id() instanceof ChangeRequestId) {
                // A rule or a change request of another tenant: hidden, as one that does not exist.
                throw new CommandRejectedException(Reason.HIDDEN, named.field(), "exists", "not found");
            }
            // Calendars and items are their handlers' to hide; an occurrence, a reminder or an attachment is its rule's or
            // item's, whose own id is checked, and a derived occurrence id carries no tenant.
        }
        if (!violations.isEmpty()) {
            throw new CommandRejectedException(Reason.UNKNOWN_REFERENCE, violations);
        }
    }

    /** A creation inside the command (a split's successor rule) is refused as a creation is, on its id. */
    private static void requireOwnIds(Object payload, Caller caller, Tenant tenant) {
        if (!payload.getClass().isRecord()) {
            return;
        }
        componentsOf(payload).forEach((component, inner) -> {
            if (inner instanceof CreationCommand nested && !caller.mayKnow(entityOf(nested.aggregateId()))) {
                throw new CommandRejectedException(Reason.UNKNOWN_REFERENCE, "id", "tenant", "id " + entityOf(nested.aggregateId())
                        + " is not of the caller's tenant: an id here begins with " + tenant.prefix());
            }
        });
    }

    /** The entity id of the command's target, or null for a command without one (a batch names its items in a list). */
    private @Nullable String targetOf(CommandMessage<?> command) {
        String stored;
        try {
            stored = targets.resolveTarget(command).getIdentifier();
        } catch (RuntimeException noTarget) {
            for (Named named : idsOf(command.getPayload())) {
                if (named.depth() == 0 && ENTITIES.contains(named.id().getClass())) {
                    return named.value();
                }
            }
            return null;
        }
        int colon = stored.indexOf(':');
        if (colon > 0 && SCOPED_BY_THEIR_CALENDAR.contains(stored.substring(0, colon))) {
            return null;
        }
        return entityOf(stored);
    }

    /** The entity's id in a store id: every kind (StoreIds) ends at the first {@code :}. */
    private static String entityOf(String storeId) {
        int colon = storeId.indexOf(':');
        return colon > 0 ? storeId.substring(colon + 1) : storeId;
    }

    /** An id the command names, with its field as the API names it ({@code resources[0].resource_id}). */
    record Named(Object id, String value, String field, int depth) {
    }

    /**
     * Every typed id ({@code …Id} records with a {@code value}) in the command's components, in order, looking into its
     * records and lists of Almanac's own types; a record's own name is left out of the field, as the API's bodies are flat.
     */
    static List<Named> idsOf(Object payload) {
        List<Named> found = new ArrayList<>();
        collect(payload, "", 0, found);
        return found;
    }

    private static void collect(@Nullable Object value, String path, int depth, List<Named> found) {
        if (value == null || !value.getClass().isRecord() || !value.getClass().getName().startsWith("dev.almanac.")) {
            return;
        }
        for (Map.Entry<RecordComponent, @Nullable Object> read : componentsOf(value).entrySet()) {
            RecordComponent component = read.getKey();
            Object inner = read.getValue();
            String field = path + snake(component.getName());
            if (inner instanceof CalendarOwner owner && owner.type() == OwnerType.STAFF) {
                // A staff owner is a user, and manager of the calendar as a grant would make them.
                found.add(new Named(UserId.of(owner.id()), owner.id(), field + ".id", depth + 1));
                continue;
            }
            if (inner instanceof Collection<?> many) {
                int index = 0;
                for (Object element : many) {
                    String at = field + "[" + index++ + "]";
                    String text = idText(element);
                    if (text != null) {
                        found.add(new Named(element, text, at, depth + 1));
                    } else {
                        collect(element, at + ".", depth + 1, found);
                    }
                }
                continue;
            }
            String text = idText(inner);
            if (text != null) {
                found.add(new Named(inner, text, field, depth));
            } else if (inner != null && inner.getClass().isRecord()) {
                collect(inner, path, depth + 1, found);
            }
        }
    }

    /** A record's components with their values, in declaration order; one that cannot be read is left out. */
    private static Map<RecordComponent, @Nullable Object> componentsOf(Object record) {
        Map<RecordComponent, @Nullable Object> values = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                values.put(component, component.getAccessor().invoke(record));
            } catch (ReflectiveOperationException unreadable) {
                // Not one of Almanac's ids: nothing to check.
            }
        }
        return values;
    }

    /** The value of a typed id, or null for anything else. */
    private static @Nullable String idText(@Nullable Object value) {
        if (value == null || !value.getClass().isRecord() || !value.getClass().getSimpleName().endsWith("Id")) {
            return null;
        }
        RecordComponent[] components = value.getClass().getRecordComponents();
        if (components.length != 1 || components[0].getType() != String.class) {
            return null;
        }
        try {
            return (String) components[0].getAccessor().invoke(value);
        } catch (ReflectiveOperationException unreadable) {
            return null;
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
