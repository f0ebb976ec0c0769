package io.strata.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Drives Strata over real HTTP the way a client does. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, Map<String, String> headers, String raw) {
        public JsonNode json() {
            try {
                return raw == null || raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + raw, e);
            }
        }

        public JsonNode data() {
            return json().get("data");
        }

        public String errorCode() {
            JsonNode error = json().get("error");
            return error == null ? null : error.get("code").asText();
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Response get(String path, String key, String... headers) {
        return send("GET", path, key, null, headers);
    }

    public Response post(String path, String key, Object body, String... headers) {
        return send("POST", path, key, body, headers);
    }

    public Response patch(String path, String key, Object body, String... headers) {
        return send("PATCH", path, key, body, headers);
    }

    public Response delete(String path, String key, String... headers) {
        return send("DELETE", path, key, null, headers);
    }

    /** @param body a String is sent as is (to test malformed JSON); anything else as JSON */
    public Response send(String method, String path, String key, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            request.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> h = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
            return new Response(response.statusCode(), h, response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
