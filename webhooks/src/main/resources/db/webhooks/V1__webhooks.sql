-- The webhooks module's own tables, all written by its one tracking processor (webhooks.fan-out) in
-- store order, so a payload built for an event reflects every event before it.

-- Endpoints as delivery needs them. Secrets stay sealed (AES-GCM, bound to the webhook id).
create table wh_endpoints (
    id                         varchar(64)   primary key,
    organization_id            varchar(64)   not null,
    url                        varchar(2048) not null,
    events                     text[]        not null,
    enabled                    boolean       not null default true,
    deleted                    boolean       not null default false,
    sealed_secret              text          not null,
    sealed_previous_secret     text,
    previous_secret_expires_at timestamptz
);
create index wh_endpoints_org on wh_endpoints (organization_id);

-- The payload views: jobs, databases and API keys as a GET shows them (folded by the contract's
-- JobFold, DatabaseFold and ApiKeyFold, like query-service's tables).
create table wh_jobs (
    id              varchar(64)  primary key,
    type            varchar(64)  not null,
    state           varchar(32)  not null,
    resource_type   varchar(32)  not null,
    resource_id     varchar(64)  not null,
    attempts        int          not null,
    max_attempts    int          not null,
    next_attempt_at timestamptz,
    error_code      varchar(64),
    error_message   text,
    error_retryable boolean,
    created_at      timestamptz  not null,
    started_at      timestamptz,
    finished_at     timestamptz
);

create table wh_databases (
    id             varchar(64)  primary key,
    project_id     varchar(64)  not null,
    name           varchar(255) not null,
    engine         varchar(32)  not null,
    status         varchar(32)  not null,
    status_before  varchar(32),
    host           varchar(255),
    port           int,
    database_name  varchar(255),
    managed        boolean      not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    version        bigint       not null
);

-- Never the secret nor its hash; lastUsedAt is read from the authentication table (platform's ApiKeyLookup).
create table wh_api_keys (
    id              varchar(64)  primary key,
    organization_id varchar(64)  not null,
    name            varchar(255) not null,
    prefix          varchar(64)  not null,
    scopes          text[]       not null,
    project_id      varchar(64),
    created_at      timestamptz  not null,
    expires_at      timestamptz,
    revoked_at      timestamptz
);

-- Every delivery the fan-out has scheduled (the WebhookDelivery aggregate exists): a redelivery
-- request for any other id is ignored without sending a command that would fail.
create table wh_deliveries (
    id         varchar(64) primary key,
    webhook_id varchar(64) not null
);
