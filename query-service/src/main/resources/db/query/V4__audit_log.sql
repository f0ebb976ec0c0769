-- The audit log: one row per event of an organization, in store order, with a hash chain per
-- organization over the stored bytes of each event (see AuditChain).
create table q_audit_log (
    position        bigint       primary key,
    organization_id varchar(64)  not null,
    project_id      varchar(64),
    event_id        varchar(255) not null,
    type            varchar(255) not null,
    resource_type   varchar(32)  not null,
    resource_id     varchar(64)  not null,
    occurred_at     timestamptz  not null,
    actor_type      varchar(16)  not null,
    actor_id        varchar(64),
    request_id      varchar(128),
    data            jsonb        not null,
    chain_hash      varchar(64)  not null
);
create index q_audit_log_org_position on q_audit_log (organization_id, position);
create index q_audit_log_resource on q_audit_log (resource_id, position);
