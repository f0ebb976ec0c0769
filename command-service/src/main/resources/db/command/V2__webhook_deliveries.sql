-- Which deliveries belong to which webhook endpoint, so a redelivery request can be checked
-- (deliveries are recorded by provisioner-saga; this is command-service's own copy of the link).
create table c_webhook_deliveries (
    id         varchar(64) primary key,
    webhook_id varchar(64) not null
);
