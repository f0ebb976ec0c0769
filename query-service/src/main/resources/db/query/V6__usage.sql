-- Usage facts, one row per metering event (its store position makes a redelivered event harmless);
-- GET /v1/usage sums them per day and database.
create table q_usage_facts (
    position        bigint      primary key,
    day             date        not null,
    organization_id varchar(64) not null,
    project_id      varchar(64) not null,
    database_id     varchar(64) not null,
    queries         bigint      not null default 0,
    rows_returned   bigint      not null default 0,
    storage_bytes   bigint,
    jobs            bigint      not null default 0
);
create index q_usage_facts_org_day on q_usage_facts (organization_id, day);

-- Which project a database is in, for job counts (the job events name only the database).
create table q_usage_databases (
    database_id varchar(64) primary key,
    project_id  varchar(64) not null
);
