-- command-service's own view of databases, written in the same transaction as the Database events:
-- it enforces unique live names per project and tells whether a project still has live databases.
create table c_databases (
    id              varchar(64)  primary key,
    organization_id varchar(64)  not null,
    project_id      varchar(64)  not null,
    name            varchar(200) not null,
    engine          varchar(16)  not null,
    live            boolean      not null
);
create unique index c_databases_live_name on c_databases (project_id, lower(name)) where live;
create index c_databases_project on c_databases (project_id) where live;
