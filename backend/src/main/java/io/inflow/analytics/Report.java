package io.inflow.analytics;

import java.util.List;
import java.util.Map;

/** One analytics table: its column names in order and its rows, each keyed by column. */
public record Report(List<String> columns, List<Map<String, Object>> items) {}
