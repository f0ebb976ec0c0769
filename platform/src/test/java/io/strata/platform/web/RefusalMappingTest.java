package io.strata.platform.web;

import io.strata.contract.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A domain refusal answers exactly what the ApiException of the same status used to answer: status,
 * content type and body byte for byte, whether the command handler's refusal reaches the web layer as
 * thrown or wrapped by Axon.
 */
class RefusalMappingTest {
    private static final String CODE = "database_busy";
    private static final String MESSAGE = "database db_1 has a job in progress; retry when it finished";

    /** API.md's statuses, written out here so the mapping is checked against the contract, not against itself. */
    private static final Map<Refusal.Kind, Integer> STATUS = Map.of(
            Refusal.Kind.INVALID, 400,
            Refusal.Kind.FORBIDDEN, 403,
            Refusal.Kind.NOT_FOUND, 404,
            Refusal.Kind.CONFLICT, 409,
            Refusal.Kind.PRECONDITION_FAILED, 412,
            Refusal.Kind.UNPROCESSABLE, 422);

    record Refuse(Refusal.Kind kind) {
    }

    /**
     * An inner (not static) class on purpose: component scanning skips classes that are not independent,
     * and the service modules scan this test jar's packages, so a nested static controller would join
     * their applications.
     */
    @RestController
    class Probe {
        private final CommandGateway gateway;

        Probe(CommandGateway gateway) {
            this.gateway = gateway;
        }

        @GetMapping("/through-gateway/{kind}")
        void throughGateway(@PathVariable Refusal.Kind kind) {
            gateway.sendAndWait(new Refuse(kind));
        }

        @GetMapping("/wrapped/{kind}")
        void wrapped(@PathVariable Refusal.Kind kind) {
            throw new CommandExecutionException("command failed", new Refusal(kind, CODE, MESSAGE));
        }

        @GetMapping("/api-exception/{status}")
        void apiException(@PathVariable int status) {
            throw new ApiException(status, CODE, MESSAGE);
        }
    }

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(Refuse.class.getName(), message -> {
            throw new Refusal(((Refuse) message.getPayload()).kind(), CODE, MESSAGE);
        });
        CommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        mvc = MockMvcBuilders.standaloneSetup(new Probe(gateway)).setControllerAdvice(new ErrorHandler()).build();
    }

    @ParameterizedTest
    @EnumSource(Refusal.Kind.class)
    void aRefusalAnswersLikeTheApiExceptionOfItsStatus(Refusal.Kind kind) throws Exception {
        int status = STATUS.get(kind);
        MvcResult before = mvc.perform(get("/api-exception/" + status)).andReturn();
        assertThat(before.getResponse().getStatus()).isEqualTo(status);

        for (String path : new String[] {"/through-gateway/", "/wrapped/"}) {
            MvcResult after = mvc.perform(get(path + kind)).andReturn();
            assertThat(after.getResponse().getStatus()).as(path).isEqualTo(status);
            assertThat(after.getResponse().getContentType()).as(path).isEqualTo(before.getResponse().getContentType());
            assertThat(after.getResponse().getContentAsByteArray()).as(path)
                    .isEqualTo(before.getResponse().getContentAsByteArray());
        }
    }

    @Test
    void theBodyIsApiMdsErrorShape() throws Exception {
        MvcResult result = mvc.perform(get("/through-gateway/" + Refusal.Kind.CONFLICT)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(result.getResponse().getContentAsString())
                .isEqualTo("{\"error\":{\"code\":\"" + CODE + "\",\"message\":\"" + MESSAGE + "\"}}");
    }

    @Test
    void notFoundSaysWhichResourceWithoutDisclosingWhy() {
        Refusal refusal = Refusal.notFound("database", "db_1");
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(refusal.code()).isEqualTo("not_found");
        assertThat(refusal.getMessage()).isEqualTo(ApiException.notFound("database", "db_1").getMessage());
    }
}
