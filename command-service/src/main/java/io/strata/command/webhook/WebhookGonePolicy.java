package io.strata.command.webhook;

import io.strata.contract.webhook.DeliveryEvents.DeliveryEndpointGone;
import io.strata.contract.webhook.WebhookCommands.DisableWebhookEndpoint;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** A subscriber that answers 410 Gone asked to be left alone: disable its endpoint (API.md, delivery rules). */
@Component
@ProcessingGroup("command.webhook-gone-policy")
public class WebhookGonePolicy {
    private final CommandGateway commands;

    public WebhookGonePolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(DeliveryEndpointGone event) {
        commands.sendAndWait(new DisableWebhookEndpoint(event.webhookId(), "the endpoint answered 410 Gone"));
    }
}
