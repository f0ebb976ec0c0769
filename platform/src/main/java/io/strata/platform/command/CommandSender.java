package io.strata.platform.command;

import io.strata.contract.Metadata;
import io.strata.platform.auth.AccessInterceptor;
import io.strata.platform.auth.Caller;
import io.strata.platform.store.EventPositions;
import io.strata.platform.web.ReadYourWrites;
import io.strata.platform.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a command on behalf of the current HTTP caller: stamps actor, organization and request id
 * as metadata (they flow on to every event), waits for the result, and reports the store position
 * of the write in {@code X-Strata-Position}.
 */
@Component
public class CommandSender {
    private final CommandGateway gateway;
    private final EventPositions positions;

    public CommandSender(CommandGateway gateway, EventPositions positions) {
        this.gateway = gateway;
        this.positions = positions;
    }

    /**
     * @param aggregateIds the aggregates the command writes to, to find the position of the write
     */
    public <R> R send(Object command, String... aggregateIds) {
        R result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata()));
        ServletRequestAttributes attributes = currentRequest();
        if (attributes != null && attributes.getResponse() != null) {
            attributes.getResponse().setHeader(ReadYourWrites.POSITION,
                    Long.toString(positions.latestOf(List.of(aggregateIds))));
        }
        return result;
    }

    private static MetaData metadata() {
        Map<String, Object> meta = new HashMap<>();
        ServletRequestAttributes attributes = currentRequest();
        if (attributes == null) {
            meta.put(Metadata.ACTOR_TYPE, Metadata.ACTOR_SYSTEM);
            return MetaData.from(meta);
        }
        HttpServletRequest request = attributes.getRequest();
        Caller caller = (Caller) request.getAttribute(AccessInterceptor.CALLER);
        if (caller == null || caller.isOperator()) {
            meta.put(Metadata.ACTOR_TYPE, Metadata.ACTOR_OPERATOR);
        } else {
            meta.put(Metadata.ACTOR_TYPE, Metadata.ACTOR_API_KEY);
            meta.put(Metadata.ACTOR_ID, caller.apiKeyId());
            meta.put(Metadata.ORGANIZATION_ID, caller.organizationId());
        }
        String requestId = RequestIds.current(request);
        if (requestId != null) {
            meta.put(Metadata.REQUEST_ID, requestId);
        }
        return MetaData.from(meta);
    }

    private static ServletRequestAttributes currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s ? s : null;
    }

}
