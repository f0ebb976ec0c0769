# syntax=docker/dockerfile:1
# One image recipe for every Strata process; the module is a build argument:
#   docker build --build-arg MODULE=command-service -t strata/command-service .
# MODULE is one of command-service, query-service, provisioner-saga, standalone.

# ---- build: the Maven wrapper builds the module and the modules it needs (-am), tests skipped
# (they need PostgreSQL and run in CI, not in an image build).
FROM eclipse-temurin:17-jdk AS build
ARG MODULE=standalone
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 (and the Maven the wrapper fetches) between builds, so only the first
# build downloads. "locked": compose builds the three images in parallel, and concurrent Maven runs on
# one local repository can corrupt it, so they take turns for this step.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -ntp -q -pl "${MODULE}" -am -DskipTests package \
 && cp "${MODULE}/target/${MODULE}.jar" /app.jar

# ---- run: a JRE only, as an unprivileged user.
FROM eclipse-temurin:17-jre
ARG MODULE=standalone
LABEL org.opencontainers.image.title="strata-${MODULE}"
RUN groupadd --system --gid 10001 strata \
 && useradd --system --uid 10001 --gid strata --home-dir /app --shell /usr/sbin/nologin strata \
 && mkdir -p /var/lib/strata/sqlite /var/lib/strata/secrets && chown -R strata:strata /var/lib/strata
COPY --from=build /app.jar /app/app.jar
# The SQLite engine keeps its files here; mount a volume on it (an empty named volume inherits
# this directory's owner, so the unprivileged user can write it).
ENV STRATA_ENGINES_SQLITE_DATA_DIR=/var/lib/strata/sqlite
# JVM options, read by the JVM itself (so the entrypoint needs no shell and java is PID 1 and
# receives SIGTERM for a graceful shutdown). Override JAVA_TOOL_OPTIONS to change them.
#   MaxRAMPercentage=75   heap sized from the container's memory limit, leaving a quarter for
#                         metaspace, threads, direct buffers and the code cache;
#   UseSerialGC           the smallest and cheapest collector for heaps under a few hundred MB and
#                         one or two CPUs: no GC threads competing with request threads;
#   ExitOnOutOfMemoryError  crash and let the orchestrator restart, never limp on after an OOM.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
USER strata
WORKDIR /app
# 8080 standalone, 8081 command-service, 8082 query-service, 8083 provisioner-saga (SERVER_PORT overrides).
EXPOSE 8080 8081 8082 8083
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
