package io.strata.query.webhook;

import io.strata.contract.apikey.Scopes;
import io.strata.contract.webhook.DeliveryResource;
import io.strata.contract.webhook.WebhookResource;
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
@Tag(name = "Webhooks")
public class WebhookQueryController {
    private final WebhookProjection webhooks;
    private final DeliveryProjection deliveries;

    public WebhookQueryController(WebhookProjection webhooks, DeliveryProjection deliveries) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    @GetMapping("/v1/webhooks")
    @Access.Scope(Scopes.WEBHOOKS_READ)
    @Operation(summary = "List webhook endpoints")
    public Envelopes.Page<WebhookResource> list(Caller caller, @RequestParam(required = false) Integer limit,
                                                @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(webhooks.list(caller.organizationId(), page), WebhookProjection.Row::position,
                WebhookProjection.Row::webhook);
    }

    @GetMapping("/v1/webhooks/{id}")
    @Access.Scope(Scopes.WEBHOOKS_READ)
    @Operation(summary = "Get a webhook endpoint")
    public Envelopes.Data<WebhookResource> get(Caller caller, @PathVariable String id) {
        return Envelopes.data(webhooks.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("webhook", id)));
    }

    @GetMapping("/v1/webhooks/{id}/deliveries")
    @Access.Scope(Scopes.WEBHOOKS_READ)
    @Operation(summary = "Deliveries to an endpoint, each with every attempt", description = "State: pending, delivered, failed.")
    public Envelopes.Page<DeliveryResource> deliveries(Caller caller, @PathVariable String id,
                                                       @RequestParam(required = false) Integer limit,
                                                       @RequestParam(required = false) String cursor) {
        webhooks.find(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("webhook", id));
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(deliveries.list(caller.organizationId(), id, page), DeliveryProjection.Row::position,
                DeliveryProjection.Row::delivery);
    }
}
