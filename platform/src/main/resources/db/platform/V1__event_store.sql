-- Axon's JDBC event store, token store and saga store, in snake_case, with bytea payloads and a
-- bigserial global index (never a JPA sequence handing out blocks, which makes processors skip events).
create table domain_event_entry (
    global_index          bigserial    primary key,
    event_identifier      varchar(255) not null unique,
    aggregate_identifier  varchar(255) not null,
    sequence_number       bigint       not null,
    type                  varchar(255),
    time_stamp            varchar(255) not null,
    payload_type          varchar(255) not null,
    payload_revision      varchar(255),
    payload               bytea        not null,
    meta_data             bytea,
    -- Optimistic locking across replicas: two writers of one aggregate cannot both append sequence n.
    unique (aggregate_identifier, sequence_number)
);

create table snapshot_event_entry (
    aggregate_identifier  varchar(255) not null,
    sequence_number       bigint       not null,
    type                  varchar(255) not null,
    event_identifier      varchar(255) not null unique,
    time_stamp            varchar(255) not null,
    payload_type          varchar(255) not null,
    payload_revision      varchar(255),
    payload               bytea        not null,
    meta_data             bytea,
    primary key (aggregate_identifier, sequence_number)
);

create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);

create table saga_entry (
    saga_id         varchar(255) not null primary key,
    revision        varchar(255),
    saga_type       varchar(255),
    serialized_saga bytea
);

create table association_value_entry (
    id                bigserial    primary key,
    association_key   varchar(255) not null,
    association_value varchar(255),
    saga_type         varchar(255),
    saga_id           varchar(255)
);
create index association_value_entry_saga_type_key_value on association_value_entry (saga_type, association_key, association_value);
create index association_value_entry_saga_id_type on association_value_entry (saga_id, saga_type);

-- Authentication reads this in every process. command-service writes it in the same transaction
-- as the ApiKey events, so a revoked key is refused everywhere as soon as the revoke commits.
-- Only the SHA-256 of a secret is kept.
create table api_key_lookup (
    api_key_id      varchar(64)  primary key,
    secret_hash     varchar(64)  not null unique,
    organization_id varchar(64)  not null,
    project_id      varchar(64),
    name            varchar(200) not null,
    scopes          text[]       not null,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    last_used_at    timestamptz
);
