create table q_databases (
    id              varchar(64)  primary key,
    organization_id varchar(64)  not null,
    project_id      varchar(64)  not null,
    name            varchar(200) not null,
    engine          varchar(16)  not null,
    status          varchar(16)  not null,
    status_before   varchar(16),
    host            varchar(255),
    port            integer,
    database_name   varchar(255),
    managed         boolean      not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    version         bigint       not null,
    position        bigint       not null
);
create index q_databases_org_position on q_databases (organization_id, position);

create table q_jobs (
    id              varchar(64)  primary key,
    organization_id varchar(64)  not null,
    type            varchar(32)  not null,
    state           varchar(16)  not null,
    resource_type   varchar(32)  not null,
    resource_id     varchar(64)  not null,
    project_id      varchar(64),
    attempts        integer      not null,
    max_attempts    integer      not null,
    next_attempt_at timestamptz,
    error_code      varchar(64),
    error_message   text,
    error_retryable boolean,
    created_at      timestamptz  not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    position        bigint       not null
);
create index q_jobs_org_position on q_jobs (organization_id, position);
create index q_jobs_resource on q_jobs (resource_id);
