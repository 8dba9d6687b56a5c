package dev.flatcarmirror.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;

/**
 * Descriptions for the meters that observations create without one. Prometheus shows a description as the
 * HELP text, and {@code promtool check metrics} refuses a family without it.
 */
final class MeterDescriptions implements MeterFilter {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "http.server.requests", "HTTP requests answered, by method, URI template, status and outcome",
            "http.server.requests.active", "HTTP requests being answered");

    @Override
    public Meter.Id map(Meter.Id id) {
        String description = DESCRIPTIONS.get(id.getName());
        if (id.getDescription() != null || description == null) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }
}
