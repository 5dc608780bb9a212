package dev.almanac.query.changes;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** One page of the change feed: either a next page's token or, on the last page, the next sync's. */
@Schema(name = "ChangePage")
public record ChangePage(
        List<ChangeView> changes,
        @Schema(description = "Whether this page belongs to a full sync: the client builds its copy anew from these pages")
        boolean fullSync,
        @Schema(description = "Pass as page_token for the next page; null on the last") @Nullable String nextPageToken,
        @Schema(description = "On the last page: pass as sync_token for every change after this page; null before") @Nullable String syncToken) {
}
