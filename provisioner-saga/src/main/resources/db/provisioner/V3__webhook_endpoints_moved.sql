-- The webhooks module keeps its own view of endpoints (wh_endpoints, rebuilt from the events by its
-- processor); this copy is no longer read or written.
drop table if exists prov_webhook_endpoints;
