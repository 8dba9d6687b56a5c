-- Files that changed on disk after they were verified are quarantined: kept for inspection, never served.
alter table artifact add column quarantine_reason varchar(64);
alter table artifact add column quarantine_detail varchar(2000);
alter table artifact add column quarantined_at timestamp with time zone;
