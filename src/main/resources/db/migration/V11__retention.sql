-- Retention: when a release was last attempted (failed and never-published releases are pruned a while after
-- their last attempt) and when it was pruned (its files and row are deleted a delete-delay later).
alter table mirror_release add column last_attempt_at timestamp with time zone;
update mirror_release set last_attempt_at = discovered_at;
alter table mirror_release add column pruned_at timestamp with time zone;
