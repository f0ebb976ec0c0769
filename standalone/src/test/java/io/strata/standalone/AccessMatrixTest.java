package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.contract.apikey.Scopes;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Who may call what, over every endpoint of the API, as one table: the scope each endpoint needs,
 * tenant isolation (another organization's resource is 404), authentication (no key is 401) and
 * project-scoped keys (a sibling project's database is 404). A guard compares the table with the
 * endpoints the application actually maps, so a new endpoint without a row fails here.
 * <p>
 * Also: hostile database names cannot inject SQL on the engines, and one database's SQL cannot
 * reach another database on the same engine.
 */
class AccessMatrixTest extends StandaloneTest {
    static final String PUBLIC = "public";
    static final String OPERATOR = "operator";
    static final String ANY_KEY = "any key";

    /**
     * One endpoint. {@code path} and string values of {@code body} may hold {org} {project} {db} {job} {key};
     * {@code resource}: it acts on a resource named by id (tenant matrix); {@code database}: a database endpoint.
     */
    record Endpoint(String method, String path, String scope, Map<String, Object> body, boolean resource, boolean database) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Endpoint e(String method, String path, String scope, Map<String, Object> body, boolean resource,
                              boolean database) {
        return new Endpoint(method, path, scope, body, resource, database);
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            e("GET", "/health", PUBLIC, null, false, false),
            e("GET", "/v1/engines", PUBLIC, null, false, false),
            e("GET", "/v1/openapi.json", PUBLIC, null, false, false),
            e("POST", "/v1/organizations", OPERATOR, Map.of("name", "Nope"), false, false),
            e("GET", "/v1/me", ANY_KEY, null, false, false),
            e("GET", "/v1/organizations/{org}", Scopes.ORGANIZATIONS_READ, null, true, false),
            e("PATCH", "/v1/organizations/{org}", Scopes.ORGANIZATIONS_WRITE, Map.of("name", "Renamed"), true, false),
            e("POST", "/v1/api-keys", Scopes.API_KEYS_WRITE, Map.of("name", "k", "scopes", List.of(Scopes.PROJECTS_READ),
                    "projectId", "{project}"), true, false),
            e("GET", "/v1/api-keys", Scopes.API_KEYS_READ, null, false, false),
            e("GET", "/v1/api-keys/{key}", Scopes.API_KEYS_READ, null, true, false),
            e("DELETE", "/v1/api-keys/{key}", Scopes.API_KEYS_WRITE, null, true, false),
            e("POST", "/v1/projects", Scopes.PROJECTS_WRITE, Map.of("name", "p"), false, false),
            e("GET", "/v1/projects", Scopes.PROJECTS_READ, null, false, false),
            e("GET", "/v1/projects/{project}", Scopes.PROJECTS_READ, null, true, false),
            e("PATCH", "/v1/projects/{project}", Scopes.PROJECTS_WRITE, Map.of("name", "renamed"), true, false),
            e("DELETE", "/v1/projects/{project}", Scopes.PROJECTS_WRITE, null, true, false),
            e("POST", "/v1/databases", Scopes.DATABASES_WRITE, Map.of("projectId", "{project}", "name", "new", "engine", "sqlite"), true, true),
            e("GET", "/v1/databases", Scopes.DATABASES_READ, null, false, false),
            e("GET", "/v1/databases/{db}", Scopes.DATABASES_READ, null, true, true),
            e("PATCH", "/v1/databases/{db}", Scopes.DATABASES_WRITE, Map.of("name", "renamed"), true, true),
            e("DELETE", "/v1/databases/{db}", Scopes.DATABASES_WRITE, null, true, true),
            e("POST", "/v1/databases/{db}/credentials/rotate", Scopes.CREDENTIALS_WRITE, Map.of(), true, true),
            e("GET", "/v1/databases/{db}/connection", Scopes.CREDENTIALS_READ, null, true, true),
            e("GET", "/v1/databases/{db}/connection-check", Scopes.DATABASES_READ, null, true, true),
            e("GET", "/v1/databases/{db}/tables", Scopes.DATABASES_READ, null, true, true),
            e("POST", "/v1/databases/{db}/query", Scopes.DATABASES_WRITE, Map.of("query", "select 1"), true, true),
            e("GET", "/v1/jobs", Scopes.JOBS_READ, null, false, false),
            e("GET", "/v1/jobs/{job}", Scopes.JOBS_READ, null, true, false),
            e("POST", "/v1/webhooks", Scopes.WEBHOOKS_WRITE, Map.of("url", "https://matrix.example.com/new",
                    "events", List.of("job.completed")), false, false),
            e("GET", "/v1/webhooks", Scopes.WEBHOOKS_READ, null, false, false),
            e("GET", "/v1/webhooks/{hook}", Scopes.WEBHOOKS_READ, null, true, false),
            e("PATCH", "/v1/webhooks/{hook}", Scopes.WEBHOOKS_WRITE, Map.of("description", "changed"), true, false),
            e("DELETE", "/v1/webhooks/{hook}", Scopes.WEBHOOKS_WRITE, null, true, false),
            e("POST", "/v1/webhooks/{hook}/rotate-secret", Scopes.WEBHOOKS_WRITE, Map.of(), true, false),
            e("POST", "/v1/webhooks/{hook}/test", Scopes.WEBHOOKS_WRITE, Map.of(), true, false),
            e("GET", "/v1/webhooks/{hook}/deliveries", Scopes.WEBHOOKS_READ, null, true, false),
            e("POST", "/v1/webhooks/{hook}/deliveries/{dlv}/redeliver", Scopes.WEBHOOKS_WRITE, Map.of(), true, false),
            e("GET", "/v1/usage", Scopes.USAGE_READ, null, false, false),
            e("GET", "/v1/organizations/{org}/export", Scopes.ORGANIZATIONS_READ, null, true, false),
            e("GET", "/v1/admin/projections", OPERATOR, null, false, false),
            e("POST", "/v1/admin/projections/{projection}/replay", OPERATOR, Map.of(), false, false),
            e("GET", "/v1/audit-log", Scopes.AUDIT_READ, null, false, false),
            e("GET", "/v1/audit-log/verify", Scopes.AUDIT_READ, null, false, false),
            e("GET", "/v1/{databases}/{db}/history", Scopes.AUDIT_READ, null, true, true));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** The resources the matrix acts on, in organization A; B is the other tenant. */
    record World(Org a, Org b, Map<String, String> ids, Map<String, String> sibling, String projectKey) {
    }

    private World world() {
        Org a = newOrganization("Matrix A");
        Org b = newOrganization("Matrix B");
        String project = newProject(a.key(), "one");
        String siblingProject = newProject(a.key(), "two");
        String[] db = readySqlite(a.key(), project, "main");
        String[] siblingDb = readySqlite(a.key(), siblingProject, "other");
        ApiClient.Response second = api.post("/v1/api-keys", a.key(), Map.of("name", "second", "scopes", List.of(Scopes.JOBS_READ)));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        Set<String> projectScopes = Scopes.all();
        projectScopes.removeAll(Scopes.ORGANIZATION_WIDE);
        String projectKey = newKey(a.key(), Map.of("name", "project one", "projectId", project, "scopes", List.copyOf(projectScopes)));

        ApiClient.Response hook = api.post("/v1/webhooks", a.key(), Map.of("url", "https://matrix.example.com/h",
                "events", List.of("job.completed")));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        Map<String, String> ids = new LinkedHashMap<>(Map.of("org", a.id(), "project", project, "db", db[0], "job", db[1],
                "key", second.data().get("id").asText(), "hook", hook.data().get("id").asText(), "dlv", "dlv_none",
                "databases", "databases"));
        ids.put("projection", "query.projects");
        Map<String, String> sibling = new LinkedHashMap<>(ids);
        sibling.put("project", siblingProject);
        sibling.put("db", siblingDb[0]);
        sibling.put("job", siblingDb[1]);
        return new World(a, b, ids, sibling, projectKey);
    }

    /** Creates a sqlite database and waits for it: {databaseId, jobId}. */
    private String[] readySqlite(String key, String project, String name) {
        ApiClient.Response created = api.post("/v1/databases", key, Map.of("projectId", project, "name", name, "engine", "sqlite"));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String jobId = created.data().get("id").asText();
        assertThat(awaitJob(key, jobId).get("state").asText()).isEqualTo("completed");
        String databaseId = created.data().get("resourceId").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/v1/databases/" + databaseId, key).data().get("status").asText()).isEqualTo("ready"));
        return new String[] {created.data().get("resourceId").asText(), jobId};
    }

    private ApiClient.Response call(Endpoint endpoint, String key, Map<String, String> ids) {
        Object body = null;
        if (endpoint.body() != null) {
            Map<String, Object> filled = new LinkedHashMap<>();
            endpoint.body().forEach((k, v) -> filled.put(k, v instanceof String s ? fill(s, ids) : v));
            body = filled;
        }
        return api.send(endpoint.method(), fill(endpoint.path(), ids), key, body);
    }

    private static String fill(String template, Map<String, String> ids) {
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(ids.get(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    private static boolean scoped(Endpoint endpoint) {
        return !Set.of(PUBLIC, OPERATOR, ANY_KEY).contains(endpoint.scope());
    }

    /** The table lists exactly the endpoints the application maps (besides Spring's own error page). */
    @Test
    void theTableCoversEveryMappedEndpoint() {
        Set<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> m : mappings.getHandlerMethods().entrySet()) {
            String owner = m.getValue().getBeanType().getName();
            if (!owner.startsWith("io.strata.") && !owner.startsWith("org.springdoc.")) {
                continue;
            }
            for (String pattern : m.getKey().getPatternValues()) {
                if (owner.startsWith("org.springdoc.") && !pattern.equals("/v1/openapi.json")) {
                    continue; // the yaml variant and swagger config, if any, are springdoc's own
                }
                for (var method : m.getKey().getMethodsCondition().getMethods()) {
                    mapped.add(method.name() + " " + pattern.replaceAll("\\{[^}]+}", "{}"));
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        for (Endpoint endpoint : ENDPOINTS) {
            listed.add(endpoint.method() + " " + endpoint.path().replaceAll("\\{[^}]+}", "{}"));
        }
        assertThat(listed).as("rows of the access table").hasSize(ENDPOINTS.size()).isEqualTo(mapped);
    }

    @Test
    void accessMatrix() {
        World w = world();

        // Positive control: the all-scopes key reads every GET endpoint of its own resources.
        assertSoftly(soft -> {
            for (Endpoint endpoint : ENDPOINTS) {
                if (endpoint.method().equals("GET") && !endpoint.scope().equals(OPERATOR)) {
                    ApiClient.Response r = call(endpoint, w.a().key(), w.ids());
                    soft.assertThat(r.status()).as("%s with all scopes: %s", endpoint, r).isEqualTo(200);
                }
            }
        });

        // (a) Every scope is needed: a key with every scope but that one is 403 insufficient_scope.
        Map<String, String> allBut = new LinkedHashMap<>();
        for (Endpoint endpoint : ENDPOINTS) {
            if (scoped(endpoint) && !allBut.containsKey(endpoint.scope())) {
                List<String> scopes = new ArrayList<>(Scopes.ALL);
                scopes.remove(endpoint.scope());
                allBut.put(endpoint.scope(), newKey(w.a().key(), Map.of("name", "all but " + endpoint.scope(), "scopes", scopes)));
            }
        }
        assertSoftly(soft -> {
            for (Endpoint endpoint : ENDPOINTS) {
                if (scoped(endpoint)) {
                    ApiClient.Response r = call(endpoint, allBut.get(endpoint.scope()), w.ids());
                    soft.assertThat(r.status()).as("%s without %s: %s", endpoint, endpoint.scope(), r).isEqualTo(403);
                    soft.assertThat(r.errorCode()).as("%s without %s", endpoint, endpoint.scope()).isEqualTo("insufficient_scope");
                }
            }
            // The operator endpoint refuses any organization key.
            Endpoint onboard = ENDPOINTS.stream().filter(x -> x.scope().equals(OPERATOR)).findFirst().orElseThrow();
            ApiClient.Response r = call(onboard, w.a().key(), w.ids());
            soft.assertThat(r.status()).as("%s with an API key: %s", onboard, r).isEqualTo(403);
            soft.assertThat(r.errorCode()).isEqualTo("operator_only");
        });

        // (b) Another organization's all-scopes key: every resource of A is 404, never 403 or 2xx.
        assertSoftly(soft -> {
            for (Endpoint endpoint : ENDPOINTS) {
                if (endpoint.resource()) {
                    ApiClient.Response r = call(endpoint, w.b().key(), w.ids());
                    soft.assertThat(r.status()).as("%s by another organization: %s", endpoint, r).isEqualTo(404);
                }
            }
            // Not even a taken name in A's project shows through.
            ApiClient.Response taken = api.post("/v1/databases", w.b().key(), Map.of("projectId", w.ids().get("project"),
                    "name", "main", "engine", "sqlite"));
            soft.assertThat(taken.status()).as("a taken name in another organization's project: %s", taken).isEqualTo(404);
        });

        // (c) No key: 401 on everything that is not public.
        assertSoftly(soft -> {
            for (Endpoint endpoint : ENDPOINTS) {
                ApiClient.Response r = call(endpoint, null, w.ids());
                if (endpoint.scope().equals(PUBLIC)) {
                    soft.assertThat(r.status()).as("%s without a key: %s", endpoint, r).isEqualTo(200);
                } else {
                    soft.assertThat(r.status()).as("%s without a key: %s", endpoint, r).isEqualTo(401);
                    soft.assertThat(r.errorCode()).as("%s without a key", endpoint).isEqualTo("missing_api_key");
                }
            }
        });

        // (d) A key of project one sees the database of project two as 404 on every database endpoint.
        assertSoftly(soft -> {
            for (Endpoint endpoint : ENDPOINTS) {
                if (endpoint.database()) {
                    ApiClient.Response r = call(endpoint, w.projectKey(), w.sibling());
                    soft.assertThat(r.status()).as("%s of a sibling project: %s", endpoint, r).isEqualTo(404);
                }
            }
            JsonNode listed = api.get("/v1/databases", w.projectKey()).data();
            soft.assertThat(listed).extracting(d -> d.get("id").asText()).containsExactly(w.ids().get("db"));
            soft.assertThat(api.get("/v1/jobs/" + w.sibling().get("job"), w.projectKey()).status()).isEqualTo(404);
        });

        // Nothing that was refused changed anything: A's resources are as they were.
        assertThat(api.get("/v1/databases/" + w.ids().get("db"), w.a().key()).data().get("name").asText()).isEqualTo("main");
        assertThat(api.get("/v1/databases/" + w.sibling().get("db"), w.a().key()).data().get("status").asText()).isEqualTo("ready");
        assertThat(api.get("/v1/organizations/" + w.a().id(), w.a().key()).data().get("name").asText()).isEqualTo("Matrix A");
        assertThat(api.get("/v1/api-keys/" + w.ids().get("key"), w.a().key()).data().get("revokedAt").isNull()).isTrue();
        assertThat(api.get("/v1/projects/" + w.ids().get("project"), w.a().key()).data().get("name").asText()).isEqualTo("one");
    }

    static final List<String> HOSTILE_NAMES = List.of("x\"; drop table t; --", "robert'); drop database postgres; --");
    static final String SCRAM_URL = "jdbc:postgresql://127.0.0.1:5433/postgres";
    static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";

    /**
     * Hostile names are data, never SQL: the databases are created under generated engine names,
     * nothing else on the engines is touched, and one database's SQL cannot reach another's.
     */
    @Test
    void hostileNamesInjectNothingAndOneDatabaseCannotReachAnother() throws Exception {
        Org org = newOrganization("Injection");
        List<String> created = new ArrayList<>();
        try {
            for (String engine : List.of("postgres", "mariadb")) {
                String project = newProject(org.key(), "app-" + engine);
                // B: an ordinary database holding a table t, the target of the names and of the cross-database reads.
                String b = readyDatabase(org.key(), project, "canary-" + engine, engine, created);
                assertThat(query(org.key(), b, "create table t (id int)").status()).isEqualTo(200);
                assertThat(query(org.key(), b, "insert into t values (1)").status()).isEqualTo(200);
                JsonNode bConnection = api.get("/v1/databases/" + b + "/connection", org.key()).data();
                String bName = bConnection.get("database").asText();

                for (String name : HOSTILE_NAMES) {
                    String a = readyDatabase(org.key(), project, name, engine, created);
                    JsonNode db = api.get("/v1/databases/" + a, org.key()).data();
                    assertThat(db.get("name").asText()).isEqualTo(name);
                    assertThat(db.get("status").asText()).isEqualTo("ready");
                    JsonNode connection = api.get("/v1/databases/" + a + "/connection", org.key()).data();
                    assertThat(connection.get("database").asText()).as(engine + " database of " + name).matches("s_[0-9a-f]{24}");
                    assertThat(connection.get("user").asText()).as(engine + " user of " + name).matches("s_[0-9a-f]{24}");
                    assertThat(query(org.key(), a, "select 1").status()).isEqualTo(200);

                    // A cannot read B's table.
                    if (engine.equals("postgres")) {
                        ApiClient.Response dblink = query(org.key(), a, "select * from dblink('dbname=" + bName
                                + "', 'select id from t') as x(id int)");
                        assertThat(dblink.status()).as(dblink.toString()).isEqualTo(400);
                        assertThat(dblink.errorCode()).isEqualTo("query_error");
                        ApiClient.Response cross = query(org.key(), a, "select * from " + bName + ".public.t");
                        assertThat(cross.status()).as(cross.toString()).isEqualTo(400);
                        assertThat(cross.errorCode()).isEqualTo("query_error");
                    } else {
                        ApiClient.Response cross = query(org.key(), a, "select * from " + bName + ".t");
                        assertThat(cross.status()).as(cross.toString()).isEqualTo(400);
                        assertThat(cross.errorCode()).isEqualTo("query_error");
                    }
                }
                // B's table is still there with its row.
                assertThat(query(org.key(), b, "select count(*) from t").data().at("/rows/0/0").asInt()).isEqualTo(1);
            }

            // Nothing else on the engines was touched.
            try (Connection admin = DriverManager.getConnection(SCRAM_URL, "postgres", "strata-admin");
                 ResultSet rs = admin.createStatement().executeQuery("select count(*) from pg_database where datname = 'postgres'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("the postgres database on the scram cluster").isEqualTo(1);
            }
            try (Connection root = DriverManager.getConnection(MARIADB_URL, "root", "");
                 ResultSet rs = root.createStatement().executeQuery(
                         "select count(*) from information_schema.schemata where schema_name in ('mysql', 'information_schema')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        } finally {
            for (String id : created) { // drop them on the engines again
                ApiClient.Response delete = api.delete("/v1/databases/" + id, org.key());
                if (delete.status() == 202) {
                    awaitJob(org.key(), delete.data().get("id").asText());
                }
            }
        }
    }

    private String readyDatabase(String key, String project, String name, String engine, List<String> created) {
        ApiClient.Response response = api.post("/v1/databases", key, Map.of("projectId", project, "name", name, "engine", engine));
        assertThat(response.status()).as(name + ": " + response).isEqualTo(202);
        String id = response.data().get("resourceId").asText();
        created.add(id);
        JsonNode job = awaitJob(key, response.data().get("id").asText());
        assertThat(job.get("state").asText()).as(engine + " " + name + ": " + job).isEqualTo("completed");
        return id;
    }

    private ApiClient.Response query(String key, String databaseId, String sql) {
        return api.post("/v1/databases/" + databaseId + "/query", key, Map.of("query", sql));
    }
}
