-- Tables owned by provisioner-saga.

-- Database passwords Strata generated, only sealed (AES-GCM under STRATA_SECRETS_KEY, bound to the
-- database id). One row per credential version; a rotation job writes its pending version first so
-- a retried attempt sets the same password again.
create table prov_credentials (
    database_id     varchar(64) not null,
    version         integer     not null,
    job_id          varchar(64) not null,
    sealed_password text        not null,
    fingerprint     varchar(32) not null,
    current         boolean     not null default false,
    created_at      timestamptz not null default now(),
    primary key (database_id, version),
    unique (database_id, job_id)
);

-- The data plane's view of databases, projected from the Database events.
create table prov_databases (
    id                 varchar(64)  primary key,
    organization_id    varchar(64)  not null,
    project_id         varchar(64)  not null,
    engine             varchar(16)  not null,
    status             varchar(16)  not null,
    status_before      varchar(16),
    managed            boolean      not null,
    host               varchar(255),
    port               integer,
    database_name      varchar(255),
    username           varchar(255),
    credential_version integer,
    sealed_connection  text
);

-- db-scheduler's table (PostgreSQL schema of db-scheduler 16): durable deadlines of the sagas.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);
