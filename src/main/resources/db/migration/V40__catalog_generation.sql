-- One counter every change to what the mirror serves (publish, quarantine, prune, a poll's outcome...) bumps in its
-- own transaction. Each instance keeps catalog answers in memory and reads this row every
-- mirror.catalog.change-check-interval: when it moved, another replica changed the catalog and the answers are dropped.
create table catalog_generation (
    id         integer primary key,
    generation bigint  not null
);
insert into catalog_generation (id, generation) values (1, 0);
