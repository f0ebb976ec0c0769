package io.strata.query.apikey;

import io.strata.contract.apikey.ApiKeyResource;
import io.strata.contract.apikey.Scopes;
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

@RestController
@Tag(name = "API keys")
public class ApiKeyQueryController {
    private final ApiKeyProjection apiKeys;

    public ApiKeyQueryController(ApiKeyProjection apiKeys) {
        this.apiKeys = apiKeys;
    }

    @GetMapping("/v1/api-keys")
    @Access.Scope(Scopes.API_KEYS_READ)
    @Operation(summary = "List API keys", description = "A project-scoped key sees the keys of its project only.")
    public Envelopes.Page<ApiKeyResource> list(Caller caller, @RequestParam(required = false) Integer limit,
                                               @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        var rows = apiKeys.list(caller.organizationId(), caller.projectId(), page);
        return page.page(rows, ApiKeyProjection.Row::position, ApiKeyProjection.Row::key);
    }

    @GetMapping("/v1/api-keys/{id}")
    @Access.Scope(Scopes.API_KEYS_READ)
    @Operation(summary = "Get an API key")
    public Envelopes.Data<ApiKeyResource> get(Caller caller, @PathVariable String id) {
        ApiKeyResource key = apiKeys.find(caller.organizationId(), id)
                .orElseThrow(() -> ApiException.notFound("api key", id));
        caller.requireProject("api key", id, key.projectId());
        return Envelopes.data(key);
    }
}
