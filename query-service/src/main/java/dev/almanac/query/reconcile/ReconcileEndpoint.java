package dev.almanac.query.reconcile;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/reconcile}: {@code GET} answers the last reconcile's report (404 before the first), {@code POST} runs one
 * now and answers its report (docs/runbooks.md, "AlmanacReadModelDrift").
 */
@Component
@Endpoint(id = "reconcile")
class ReconcileEndpoint {

    private final ReadModelReconciler reconciler;

    ReconcileEndpoint(ReadModelReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @ReadOperation
    @Nullable ReconcileReport lastReport() {
        return reconciler.lastReport();
    }

    @WriteOperation
    ReconcileReport reconcileNow() {
        return reconciler.reconcile();
    }
}
