-- The webhooks module keeps its own view of endpoints (in its own tables, rebuilt from the events by its
-- processor); this copy is no longer read or written.
drop table if exists prov_webhook_endpoints;
