package io.inflow.apps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** A web application where tips appear, known to the overlay by its public site key. */
public record App(String id, String name, String siteKey, List<String> allowedOrigins,
                  @JsonIgnore String learnerSecret, @JsonIgnore long contentVersion,
                  String createdAt, String updatedAt, java.util.Map<String, String> theme,
                  /** Whether overlays may refresh drifted anchors of its tips (on by default). */
                  boolean anchorHealing) {

    public boolean allowsOrigin(String origin) {
        return origin != null && allowedOrigins.contains(origin.toLowerCase(java.util.Locale.ROOT));
    }
}
