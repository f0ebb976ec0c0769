-- Read tables of query-service. Each row keeps the store position of the event that created it:
-- the stable sort key of cursor paging, the same after a replay.
create table q_organizations (
    id          varchar(64)  primary key,
    name        varchar(200) not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    position    bigint       not null
);

create table q_api_keys (
    id              varchar(64)  primary key,
    organization_id varchar(64)  not null,
    name            varchar(200) not null,
    prefix          varchar(32)  not null,
    scopes          text[]       not null,
    project_id      varchar(64),
    created_at      timestamptz  not null,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    position        bigint       not null
);
create index q_api_keys_org_position on q_api_keys (organization_id, position);

create table q_projects (
    id              varchar(64)  primary key,
    organization_id varchar(64)  not null,
    name            varchar(200) not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    deleted_at      timestamptz,
    position        bigint       not null
);
create index q_projects_org_position on q_projects (organization_id, position);
