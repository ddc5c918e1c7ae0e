-- A line read in call order straight from the index (no sort of the whole
-- day on every issue and call), and MAX(served) of a line from its end.
CREATE INDEX tickets_line ON tickets(service, day, served, number) INCLUDE (priority);
