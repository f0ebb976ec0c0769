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

-- The payload views: jobs, databases and API keys as a GET shows them, as JSON (folded by the
-- contract's JobFold, DatabaseFold and ApiKeyFold, like query-service's tables).
create table wh_views (
    kind varchar(16) not null,
    id   varchar(64) not null,
    view text        not null,
    primary key (kind, id)
);

-- Every delivery the fan-out has scheduled (the WebhookDelivery aggregate exists): a redelivery
-- request for any other id is ignored without sending a command that would fail.
create table wh_deliveries (
    id         varchar(64) primary key,
    webhook_id varchar(64) not null
);
