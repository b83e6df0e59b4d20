package io.inflow.webhooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Where one app's events of the chosen types are posted; the secret signs each delivery. */
public record Webhook(String id, String appId, String url, List<String> eventTypes, @JsonIgnore String secret, String createdAt) {}
