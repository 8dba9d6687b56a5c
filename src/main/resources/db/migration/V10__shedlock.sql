-- ShedLock's lock table (net.javacrumbs.shedlock, JDBC provider): one row per lock name, such as
-- board:stable/amd64-usr. lock_until and locked_at are in the database's clock; locked_by names the instance.
create table shedlock (
    name       varchar(255) not null,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null,
    constraint pk_shedlock primary key (name)
);
