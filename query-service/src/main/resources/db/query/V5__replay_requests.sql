-- Replays asked for by the operator. Every query-service replica reads this table: each stops its
-- copy of the processor, one of them resets the tokens (which needs every claim released), and all
-- start again once the request is done. So a replay is safe with any number of replicas.
create table q_replay_requests (
    id           bigserial    primary key,
    processor    varchar(255) not null,
    requested_at timestamptz  not null default now(),
    done_at      timestamptz
);
create unique index q_replay_requests_one_pending on q_replay_requests (processor) where done_at is null;
