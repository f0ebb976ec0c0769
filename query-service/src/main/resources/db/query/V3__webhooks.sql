create table q_webhooks (
    id              varchar(64)   primary key,
    organization_id varchar(64)   not null,
    url             varchar(2048) not null,
    events          text[]        not null,
    description     varchar(500),
    enabled         boolean       not null,
    disabled_reason varchar(200),
    deleted         boolean       not null default false,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    position        bigint        not null
);
create index q_webhooks_org_position on q_webhooks (organization_id, position);

create table q_webhook_deliveries (
    id              varchar(64)  primary key,
    webhook_id      varchar(64)  not null,
    organization_id varchar(64)  not null,
    event_id        varchar(64)  not null,
    event_type      varchar(64)  not null,
    state           varchar(16)  not null,
    next_attempt_at timestamptz,
    created_at      timestamptz  not null,
    position        bigint       not null
);
create index q_webhook_deliveries_webhook_position on q_webhook_deliveries (webhook_id, position);

create table q_webhook_attempts (
    delivery_id varchar(64) not null,
    attempt     integer     not null,
    at          timestamptz not null,
    status_code integer,
    duration_ms bigint      not null,
    error       text,
    primary key (delivery_id, attempt)
);
