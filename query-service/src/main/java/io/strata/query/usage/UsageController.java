package io.strata.query.usage;

import io.strata.contract.apikey.Scopes;
import io.strata.contract.usage.UsageResource;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

@RestController
@Tag(name = "Usage")
public class UsageController {
    static final int MAX_DAYS = 366;

    private final UsageProjection usage;
    private final Clock clock;

    public UsageController(UsageProjection usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @GetMapping("/v1/usage")
    @Access.Scope(Scopes.USAGE_READ)
    @Operation(summary = "Daily usage per database", description = "from/to: ISO dates (UTC), inclusive; default the last "
            + "30 days, at most 366. Queries and rows come from SQL over HTTP (flushed once a minute), storageBytes is the "
            + "day's last sample from the engine, jobs counts finished database jobs.")
    public Envelopes.Data<List<UsageResource>> daily(Caller caller, @RequestParam(required = false) String from,
                                                     @RequestParam(required = false) String to,
                                                     @RequestParam(required = false) String projectId,
                                                     @RequestParam(required = false) String databaseId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.minusDays(29));
        if (start.isAfter(end)) {
            throw ApiException.badRequest("invalid_parameter", "from must not be after to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiException.badRequest("invalid_parameter", "at most " + MAX_DAYS + " days at once");
        }
        return Envelopes.data(usage.daily(caller.organizationId(), caller.projectId(),
                new UsageProjection.Filter(start, end, projectId, databaseId)));
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_parameter", name + " must be a date like 2026-01-31");
        }
    }
}
