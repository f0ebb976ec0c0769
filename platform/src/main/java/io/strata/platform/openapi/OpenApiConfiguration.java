package io.strata.platform.openapi;

import io.strata.platform.auth.Access;
import io.strata.platform.auth.Caller;
import io.strata.platform.web.Envelopes;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v1/openapi.json}, generated from the controllers. Security and
 * error responses come from the same {@link Access} annotations that the interceptor enforces, so
 * the document cannot drift from what the API does.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    private static final String ERROR_REF = "#/components/schemas/ErrorBody";

    @Bean
    OpenAPI strataOpenApi() {
        Components components = new Components()
                .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key (strata_sk_…) as a Bearer token; X-API-Key: <key> works too."))
                .addSecuritySchemes("operatorToken", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The operator token (STRATA_ADMIN_TOKEN)."));
        ModelConverters.getInstance().read(Envelopes.ErrorBody.class).forEach(components::addSchemas);
        return new OpenAPI().components(components).info(new Info().title("Strata API").version("v1")
                .description("Management API of the Strata database cloud. Errors: {\"error\": {\"code\", \"message\"}}; "
                        + "every response carries X-Request-Id; writes carry X-Strata-Position, which a GET may send back "
                        + "as X-Strata-Min-Position to read its own writes."));
    }

    @Bean
    OperationCustomizer accessDocumentation() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            operation.setResponses(responses);
            error(responses, "400", "Bad input: malformed JSON, wrong types, unknown fields, invalid values");
            error(responses, "500", "Unexpected failure on Strata's side");
            if (handler.hasMethodAnnotation(Access.Public.class)) {
                return operation;
            }
            error(responses, "401", "No API key, or an invalid, revoked or expired one");
            Access.Scope scope = handler.getMethodAnnotation(Access.Scope.class);
            if (handler.hasMethodAnnotation(Access.Operator.class)) {
                operation.addSecurityItem(new SecurityRequirement().addList("operatorToken"));
                error(responses, "403", "Not the operator token");
            } else {
                operation.addSecurityItem(new SecurityRequirement().addList("apiKey"));
                error(responses, "403", scope != null ? "The key lacks the scope " + scope.value() : "Forbidden");
                error(responses, "404", "Unknown, or belongs to another organization");
                if (scope != null) {
                    operation.setDescription(((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                            + "Requires scope `" + scope.value() + "`."));
                }
            }
            if (handler.getMethod().getName().startsWith("list") || handler.getMethod().getName().startsWith("get")) {
                operation.addParametersItem(new HeaderParameter().name("X-Strata-Min-Position").required(false)
                        .description("Wait (up to about 2 s) until the read side has processed this store position")
                        .schema(new Schema<Long>().type("integer").format("int64")));
            }
            return operation;
        };
    }

    private static void error(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(ERROR_REF)))));
    }

}
