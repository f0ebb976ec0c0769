package io.strata.platform.auth;

import io.strata.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;

/**
 * Authenticates the caller and enforces the endpoint's {@link Access} annotation before any
 * controller runs. Keys are looked up by the SHA-256 of the presented secret.
 */
@Component
public class AccessInterceptor implements HandlerInterceptor {
    public static final String CALLER = "strata.caller";

    private final ApiKeyLookup lookup;
    private final LastUsedRecorder lastUsed;
    private final byte[] adminToken;
    private final Clock clock;

    public AccessInterceptor(ApiKeyLookup lookup, LastUsedRecorder lastUsed,
                             @Value("${strata.admin-token:}") String adminToken, Clock clock) {
        this.lookup = lookup;
        this.lastUsed = lastUsed;
        this.adminToken = adminToken.isBlank() ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true; // static resources and error pages: nothing of ours
        }
        if (method.hasMethodAnnotation(Access.Public.class)
                || method.getBeanType().getPackageName().startsWith("org.springdoc")) { // the OpenAPI document
            return true;
        }
        String presented = credential(request);
        if (presented == null) {
            throw new ApiException(401, "missing_api_key",
                    "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
        }
        Caller caller = authenticate(presented);
        request.setAttribute(CALLER, caller);

        if (method.hasMethodAnnotation(Access.Operator.class)) {
            if (!caller.isOperator()) {
                throw ApiException.forbidden("operator_only", "this endpoint takes the operator token");
            }
            return true;
        }
        if (caller.isOperator()) {
            throw ApiException.forbidden("api_key_required", "this endpoint acts for an organization: use one of its API keys");
        }
        Access.Scope scope = method.getMethodAnnotation(Access.Scope.class);
        if (scope != null) {
            if (!caller.has(scope.value())) {
                throw ApiException.forbidden("insufficient_scope", "this API key lacks the scope " + scope.value());
            }
            return true;
        }
        if (method.hasMethodAnnotation(Access.AnyKey.class)) {
            return true;
        }
        // Fail closed: an endpoint nobody declared access for is open to nobody.
        throw ApiException.forbidden("forbidden", "this endpoint is not open to API keys");
    }

    private Caller authenticate(String presented) {
        if (adminToken != null && MessageDigest.isEqual(adminToken, presented.getBytes(StandardCharsets.UTF_8))) {
            return Caller.operator();
        }
        if (!presented.startsWith(ApiKeySecrets.PREFIX)) {
            throw new ApiException(401, "invalid_api_key", "the API key is not valid");
        }
        ApiKeyLookup.Entry key = lookup.bySecretHash(ApiKeySecrets.sha256(presented))
                .orElseThrow(() -> new ApiException(401, "invalid_api_key", "the API key is not valid"));
        Instant now = clock.instant();
        if (key.revokedAt() != null) {
            throw new ApiException(401, "api_key_revoked", "the API key " + key.apiKeyId() + " was revoked");
        }
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            throw new ApiException(401, "api_key_expired", "the API key " + key.apiKeyId() + " has expired");
        }
        lastUsed.used(key.apiKeyId(), now);
        return new Caller(Caller.Kind.API_KEY, key.apiKeyId(), key.organizationId(), key.name(), key.scopes(),
                key.projectId(), key.expiresAt());
    }

    private static String credential(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        String apiKey = request.getHeader("X-API-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
}
