package io.strata.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.testing.ApiClient;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Databases on real engines, driven over HTTP: create → job completed → connect with the returned
 * credentials → SQL over HTTP → rotate (the engine refuses the old password) → delete.
 */
class DatabaseApiTest extends StandaloneTest {

    record Created(String databaseId, String jobId, ApiClient.Response response) {
    }

    private Created create(String key, String projectId, String name, String engine) {
        ApiClient.Response created = api.post("/v1/databases", key, Map.of("projectId", projectId, "name", name, "engine", engine));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        JsonNode job = created.data();
        assertThat(job.get("state").asText()).isEqualTo("queued");
        assertThat(job.get("type").asText()).isEqualTo("database.create");
        assertThat(created.header("Location")).isEqualTo("/v1/jobs/" + job.get("id").asText());
        return new Created(job.get("resourceId").asText(), job.get("id").asText(), created);
    }

    @Test
    void postgresLifecycle() throws Exception {
        Org org = newOrganization("PG");
        String project = newProject(org.key(), "app");
        Created created = create(org.key(), project, "orders", "postgres");
        assertThat(created.databaseId()).startsWith("db_");

        JsonNode job = awaitJob(org.key(), created.jobId());
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
        assertThat(job.get("startedAt").isNull()).isFalse();
        assertThat(job.get("finishedAt").isNull()).isFalse();

        // The job completes only once the database reads ready.
        JsonNode db = api.get("/v1/databases/" + created.databaseId(), org.key()).data();
        assertThat(db.get("status").asText()).isEqualTo("ready");
        assertThat(db.get("managed").asBoolean()).isTrue();
        assertThat(db.get("databaseName").asText()).startsWith("s_");

        ApiClient.Response connection = api.get("/v1/databases/" + created.databaseId() + "/connection", org.key(),
                "X-Strata-Min-Position", created.response().header("X-Strata-Position"));
        assertThat(connection.status()).as(connection.toString()).isEqualTo(200);
        assertThat(connection.header("Cache-Control")).contains("no-store");
        JsonNode c = connection.data();
        assertThat(c.get("credentialVersion").asInt()).isEqualTo(1);
        assertThat(c.get("uri").asText()).startsWith("postgresql://");
        String oldPassword = c.get("password").asText();
        try (Connection jdbc = connect(c, oldPassword)) {
            assertThat(jdbc.createStatement().executeQuery("select current_user").next()).isTrue();
        }

        String path = "/v1/databases/" + created.databaseId();
        assertThat(api.post(path + "/query", org.key(), Map.of("query", "create table items (id int primary key, name text)")).status()).isEqualTo(200);
        ApiClient.Response insert = api.post(path + "/query", org.key(), Map.of("query",
                "insert into items select g, 'item ' || g from generate_series(1, ?) g", "params", List.of(5)));
        assertThat(insert.status()).as(insert.toString()).isEqualTo(200);
        assertThat(insert.data().get("rowCount").asInt()).isEqualTo(5);

        ApiClient.Response select = api.post(path + "/query", org.key(), Map.of("query",
                "select id, name, current_user as who from items where id >= ? order by id", "params", List.of(2), "maxRows", 2));
        assertThat(select.status()).isEqualTo(200);
        JsonNode result = select.data();
        assertThat(result.get("rows")).hasSize(2);
        assertThat(result.get("truncated").asBoolean()).isTrue();
        assertThat(result.at("/columns/0/name").asText()).isEqualTo("id");
        assertThat(result.at("/rows/0/0").asInt()).isEqualTo(2);
        // It runs as the database's own role, never as an admin.
        assertThat(result.at("/rows/0/2").asText()).isEqualTo(c.get("user").asText());

        ApiClient.Response readOnly = api.post(path + "/query", org.key(), Map.of("query", "insert into items values (99, 'x')", "readOnly", true));
        assertThat(readOnly.status()).isEqualTo(400);
        assertThat(readOnly.errorCode()).isEqualTo("query_error");
        ApiClient.Response sqlError = api.post(path + "/query", org.key(), Map.of("query", "select * from nowhere"));
        assertThat(sqlError.errorCode()).isEqualTo("query_error");
        assertThat(sqlError.json().at("/error/message").asText()).contains("nowhere");
        assertThat(api.post(path + "/query", org.key(), Map.of("query", "select pg_sleep(3)", "timeoutMs", 300)).errorCode())
                .isEqualTo("query_error");
        assertThat(api.post(path + "/query", org.key(), Map.of("query", "select * from pg_authid")).errorCode()).isEqualTo("query_error");

        JsonNode tables = api.get(path + "/tables", org.key()).data();
        assertThat(tables).extracting(t -> t.get("name").asText()).contains("items");
        JsonNode check = api.get(path + "/connection-check", org.key()).data();
        assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("failure").isNull()).isTrue();

        // Rotation: the engine refuses the old password afterwards.
        ApiClient.Response rotate = api.post(path + "/credentials/rotate", org.key(), Map.of());
        assertThat(rotate.status()).as(rotate.toString()).isEqualTo(202);
        assertThat(rotate.data().get("type").asText()).isEqualTo("credentials.rotate");
        assertThat(awaitJob(org.key(), rotate.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
        JsonNode rotated = api.get(path + "/connection", org.key()).data();
        assertThat(rotated.get("credentialVersion").asInt()).isEqualTo(2);
        String newPassword = rotated.get("password").asText();
        assertThat(newPassword).isNotEqualTo(oldPassword);
        assertThatThrownBy(() -> connect(c, oldPassword).close()).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
        try (Connection jdbc = connect(rotated, newPassword)) {
            assertThat(jdbc.createStatement().executeQuery("select count(*) from items").next()).isTrue();
        }

        // The project cannot be deleted while it holds the database.
        ApiClient.Response notEmpty = api.delete("/v1/projects/" + project, org.key());
        assertThat(notEmpty.status()).isEqualTo(409);
        assertThat(notEmpty.errorCode()).isEqualTo("project_not_empty");

        // Delete with a connection held open: it is terminated and the database is gone on the engine.
        Connection held = connect(rotated, newPassword);
        ApiClient.Response delete = api.delete(path, org.key());
        assertThat(delete.status()).isEqualTo(202);
        assertThat(delete.data().get("type").asText()).isEqualTo("database.delete");
        assertThat(awaitJob(org.key(), delete.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
        assertThatThrownBy(() -> held.createStatement().execute("select 1")).isInstanceOf(SQLException.class);
        held.close();
        assertThatThrownBy(() -> connect(rotated, newPassword).close()).isInstanceOf(SQLException.class);
        assertThat(api.get(path, org.key()).data().get("status").asText()).isEqualTo("deleted");
        assertThat(api.get(path + "/connection", org.key()).status()).isEqualTo(404);
        assertThat(api.get("/v1/databases?projectId=" + project, org.key()).data()).isEmpty();

        // The name can be reused, and the emptied project can be deleted.
        Created again = create(org.key(), project, "orders", "postgres");
        assertThat(awaitJob(org.key(), again.jobId()).get("state").asText()).isEqualTo("completed");
        ApiClient.Response deleteAgain = api.delete("/v1/databases/" + again.databaseId(), org.key());
        assertThat(awaitJob(org.key(), deleteAgain.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
        assertThat(api.delete("/v1/projects/" + project, org.key()).status()).isEqualTo(204);
    }

    @Test
    void mariadbAndSqlite() throws Exception {
        Org org = newOrganization("Engines");
        String project = newProject(org.key(), "app");
        for (String engine : List.of("mariadb", "sqlite")) {
            Created created = create(org.key(), project, "db-" + engine, engine);
            JsonNode job = awaitJob(org.key(), created.jobId());
            assertThat(job.get("state").asText()).as(engine + " " + job).isEqualTo("completed");
            String path = "/v1/databases/" + created.databaseId();
            assertThat(api.post(path + "/query", org.key(), Map.of("query", "create table t (id int, v varchar(20))")).status()).isEqualTo(200);
            assertThat(api.post(path + "/query", org.key(), Map.of("query", "insert into t values (?, ?), (?, ?)",
                    "params", List.of(1, "a", 2, "b"))).data().get("rowCount").asInt()).isEqualTo(2);
            JsonNode rows = api.post(path + "/query", org.key(), Map.of("query", "select v from t where id = ?", "params", List.of(2))).data();
            assertThat(rows.at("/rows/0/0").asText()).isEqualTo("b");
            assertThat(api.post(path + "/query", org.key(), Map.of("query", "insert into t values (3, 'c')", "readOnly", true))
                    .errorCode()).isEqualTo("query_error");
            assertThat(api.post(path + "/query", org.key(), Map.of("query", "select ?", "params", List.of(1, 2))).errorCode())
                    .isEqualTo("query_error");
            assertThat(api.get(path + "/tables", org.key()).data()).extracting(t -> t.get("name").asText()).contains("t");
            assertThat(api.get(path + "/connection-check", org.key()).data().get("ok").asBoolean()).isTrue();
            if (engine.equals("mariadb")) {
                JsonNode c = api.get(path + "/connection", org.key()).data();
                String old = c.get("password").asText();
                ApiClient.Response rotate = api.post(path + "/credentials/rotate", org.key(), Map.of());
                assertThat(awaitJob(org.key(), rotate.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
                assertThatThrownBy(() -> DriverManager.getConnection("jdbc:mariadb://" + c.get("host").asText() + ":"
                        + c.get("port").asInt() + "/" + c.get("database").asText(), c.get("user").asText(), old).close())
                        .isInstanceOf(SQLException.class);
            }
            ApiClient.Response delete = api.delete(path, org.key());
            assertThat(awaitJob(org.key(), delete.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
        }
    }

    @Test
    void registeringAnExistingDatabaseVerifiesItFirstAndDeletingOnlyForgetsIt() throws Exception {
        Org org = newOrganization("Register");
        String project = newProject(org.key(), "app");
        String schema = "ext_" + Long.toHexString(System.nanoTime());
        try (Connection root = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")) {
            root.createStatement().execute("create database " + schema);
            root.createStatement().execute("create user '" + schema + "'@'%' identified by 'Ext-Secret-123'");
            root.createStatement().execute("grant all on " + schema + ".* to '" + schema + "'@'%'");
        }
        try {
            String good = "mariadb://" + schema + ":Ext-Secret-123@127.0.0.1:3306/" + schema;
            ApiClient.Response badPassword = api.post("/v1/databases", org.key(), Map.of("projectId", project,
                    "name", "ext", "engine", "mariadb", "connectionString", good.replace("Ext-Secret-123", "wrong")));
            assertThat(badPassword.status()).isEqualTo(422);
            assertThat(badPassword.errorCode()).isEqualTo("database_auth_failed");
            assertThat(badPassword.raw()).doesNotContain("wrong@");
            ApiClient.Response unreachable = api.post("/v1/databases", org.key(), Map.of("projectId", project,
                    "name", "ext", "engine", "mariadb", "connectionString", good.replace(":3306/", ":1/")));
            assertThat(unreachable.errorCode()).isEqualTo("database_unreachable");
            assertThat(api.post("/v1/databases", org.key(), Map.of("projectId", project, "name", "ext", "engine", "postgres",
                    "connectionString", good)).errorCode()).isEqualTo("invalid_connection_string");
            assertThat(api.get("/v1/databases", org.key()).data()).isEmpty();

            ApiClient.Response registered = api.post("/v1/databases", org.key(), Map.of("projectId", project,
                    "name", "ext", "engine", "mariadb", "connectionString", good));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            JsonNode db = registered.data();
            assertThat(db.get("managed").asBoolean()).isFalse();
            assertThat(db.get("status").asText()).isEqualTo("ready");
            assertThat(registered.raw()).doesNotContain("Ext-Secret-123");
            String path = "/v1/databases/" + db.get("id").asText();
            ApiClient.Response query = api.post(path + "/query", org.key(), Map.of("query", "select current_user()"),
                    "X-Strata-Min-Position", registered.header("X-Strata-Position"));
            assertThat(query.status()).as(query.toString()).isEqualTo(200);
            assertThat(query.data().at("/rows/0/0").asText()).startsWith(schema + "@");
            assertThat(api.post(path + "/credentials/rotate", org.key(), Map.of()).errorCode()).isEqualTo("database_not_managed");

            // PATCH with a new connection string is verified again; If-Match guards concurrent edits.
            long version = db.get("version").asLong();
            ApiClient.Response stale = api.patch(path, org.key(), Map.of("name", "ext2"), "If-Match", Long.toString(version + 5));
            assertThat(stale.status()).isEqualTo(412);
            ApiClient.Response badUpdate = api.patch(path, org.key(), Map.of("connectionString", good.replace("Ext-Secret-123", "nope")));
            assertThat(badUpdate.errorCode()).isEqualTo("database_auth_failed");
            ApiClient.Response renamed = api.patch(path, org.key(), Map.of("name", "ext2"), "If-Match", Long.toString(version));
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
            assertThat(renamed.data().get("name").asText()).isEqualTo("ext2");

            ApiClient.Response delete = api.delete(path, org.key());
            assertThat(awaitJob(org.key(), delete.data().get("id").asText()).get("state").asText()).isEqualTo("completed");
            try (Connection tenant = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + schema, schema, "Ext-Secret-123")) {
                assertThat(tenant.isValid(2)).as("a registered database is only forgotten, never dropped").isTrue();
            }
        } finally {
            try (Connection root = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "")) {
                root.createStatement().execute("drop database if exists " + schema);
                root.createStatement().execute("drop user if exists '" + schema + "'@'%'");
            }
        }
    }

    @Test
    void anotherOrganizationsDatabaseIsNotFoundAndBadInputIs4xx() {
        Org a = newOrganization("A");
        Org b = newOrganization("B");
        String project = newProject(a.key(), "app");
        Created created = create(a.key(), project, "mine", "sqlite");
        awaitJob(a.key(), created.jobId());
        String path = "/v1/databases/" + created.databaseId();
        assertThat(api.get(path, b.key()).status()).isEqualTo(404);
        assertThat(api.get(path + "/connection", b.key()).status()).isEqualTo(404);
        assertThat(api.post(path + "/query", b.key(), Map.of("query", "select 1")).status()).isEqualTo(404);
        assertThat(api.delete(path, b.key()).status()).isEqualTo(404);
        assertThat(api.get("/v1/jobs/" + created.jobId(), b.key()).status()).isEqualTo(404);
        assertThat(api.post("/v1/databases", b.key(), Map.of("projectId", project, "name", "x", "engine", "sqlite")).status()).isEqualTo(404);

        assertThat(api.post("/v1/databases", a.key(), Map.of("projectId", project, "name", "x", "engine", "oracle")).errorCode()).isEqualTo("unknown_engine");
        assertThat(api.post("/v1/databases", a.key(), Map.of("name", "x", "engine", "sqlite")).errorCode()).isEqualTo("invalid_request");
        assertThat(api.post("/v1/databases", a.key(), Map.of("projectId", project, "name", "MINE", "engine", "sqlite")).errorCode())
                .isEqualTo("database_name_taken");
        assertThat(api.post(path + "/query", a.key(), Map.of("query", " ")).errorCode()).isEqualTo("invalid_request");
        assertThat(api.post(path + "/query", a.key(), Map.of("query", "select 1", "maxRows", 0)).errorCode()).isEqualTo("invalid_request");
        assertThat(api.post(path + "/query", a.key(), Map.of("query", "select 1", "timeoutMs", 999999)).errorCode()).isEqualTo("invalid_request");
        assertThat(api.post(path + "/query", a.key(), "{\"query\": \"select ?\", \"params\": [{\"a\": 1}]}").errorCode()).isEqualTo("invalid_request");
        assertThat(api.get("/v1/databases?status=sleeping", a.key()).errorCode()).isEqualTo("invalid_filter");
        assertThat(api.get("/v1/jobs?state=done", a.key()).errorCode()).isEqualTo("invalid_filter");
        assertThat(api.get("/v1/databases?engine=sqlite", a.key()).data()).hasSize(1);
        assertThat(api.get("/v1/jobs?resourceId=" + created.databaseId(), a.key()).data()).hasSize(1);
        assertThat(api.get("/v1/databases/db_unknown", a.key()).status()).isEqualTo(404);
    }

    private static Connection connect(JsonNode c, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + c.get("host").asText() + ":" + c.get("port").asInt() + "/"
                + c.get("database").asText(), c.get("user").asText(), password);
    }
}
