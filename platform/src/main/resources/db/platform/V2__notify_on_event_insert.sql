-- Tell every listening process that events were stored, so tracking processors in other JVMs fetch
-- at once instead of on their next poll (see EventNotificationListener). Statement level: one
-- notification per insert statement, and PostgreSQL delivers them at commit, coalescing identical
-- ones within a transaction, so a command's batch of events costs one notification. The payload is
-- empty on purpose: listeners only need to know "fetch now"; what to fetch is in their tokens.
create function strata_notify_events_stored() returns trigger language plpgsql as $$
begin
    perform pg_notify('strata_events', '');
    return null;
end
$$;

create trigger domain_event_entry_notify
    after insert on domain_event_entry
    for each statement execute function strata_notify_events_stored();
