-- Webhook delivery's own view of endpoints, projected (with the fan-out, in one processing group)
-- from the WebhookEndpoint events. Secrets stay sealed (AES-GCM, bound to the webhook id).
create table prov_webhook_endpoints (
    id                         varchar(64)   primary key,
    organization_id            varchar(64)   not null,
    url                        varchar(2048) not null,
    events                     text[]        not null,
    enabled                    boolean       not null default true,
    deleted                    boolean       not null default false,
    sealed_secret              text          not null,
    sealed_previous_secret     text,
    previous_secret_expires_at timestamptz
);
create index prov_webhook_endpoints_org on prov_webhook_endpoints (organization_id);
