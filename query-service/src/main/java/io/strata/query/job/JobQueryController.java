package io.strata.query.job;

import io.strata.contract.WireEnum;
import io.strata.contract.apikey.Scopes;
import io.strata.contract.job.JobResource;
import io.strata.contract.job.JobState;
import io.strata.contract.job.JobType;
import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.web.ApiException;
import io.strata.platform.web.Envelopes;
import io.strata.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Jobs")
public class JobQueryController {
    private static final List<String> STATES = WireEnum.names(JobState.class);
    private static final List<String> TYPES = WireEnum.names(JobType.class);

    private final JobProjection jobs;

    public JobQueryController(JobProjection jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/v1/jobs")
    @Access.Scope(Scopes.JOBS_READ)
    @Operation(summary = "List jobs", description = "Filters: state (queued, running, completed, failed), type, resourceId.")
    public Envelopes.Page<JobResource> list(Caller caller, @RequestParam(required = false) String state,
                                            @RequestParam(required = false) String type,
                                            @RequestParam(required = false) String resourceId,
                                            @RequestParam(required = false) Integer limit,
                                            @RequestParam(required = false) String cursor) {
        if (state != null && !STATES.contains(state)) {
            throw ApiException.badRequest("invalid_filter", "state must be one of " + String.join(", ", STATES));
        }
        if (type != null && !TYPES.contains(type)) {
            throw ApiException.badRequest("invalid_filter", "type must be one of " + String.join(", ", TYPES));
        }
        PageRequest page = PageRequest.of(limit, cursor);
        var rows = jobs.list(caller.organizationId(), caller.projectId(), new JobProjection.Filter(state, type, resourceId), page);
        return page.page(rows, JobProjection.Row::position, JobProjection.Row::job);
    }

    @GetMapping("/v1/jobs/{id}")
    @Access.Scope(Scopes.JOBS_READ)
    @Operation(summary = "Get a job")
    public Envelopes.Data<JobResource> get(Caller caller, @PathVariable String id) {
        return Envelopes.data(jobs.find(caller.organizationId(), caller.projectId(), id).map(JobProjection.Row::job)
                .orElseThrow(() -> ApiException.notFound("job", id)));
    }
}
