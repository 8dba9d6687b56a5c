-- A file (and its .sig) answering 404 is only given up on the second poll that sees it, when earlier releases of
-- the board had it: a CDN that loses a file for a moment must not make a release publish without its image.
alter table artifact add column absent_polls integer not null default 0;
update artifact set absent_polls = 1 where state = 'ABSENT';
