package dev.almanac.query.audit;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A page of the audit trail, newest first. */
@Schema(name = "AuditPage")
public record AuditPage(List<AuditRecordView> records,
                        @Schema(description = "Pass as cursor for the next page; null on the last") @Nullable String nextCursor) {
}
