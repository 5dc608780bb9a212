package dev.almanac.query.resource;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** One page of the resources list, by name and then id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ResourceList")
public record ResourceListView(
        @Schema(description = "The resources of this page, by name and then id") List<ResourceSummary> resources,
        @Schema(description = "Set when more resources follow: pass it as cursor") @Nullable String nextCursor) {

    public ResourceListView {
        resources = List.copyOf(resources);
    }
}
