-- What is at a counter now, without reading the whole day (counter page,
-- "is this counter still serving?" before every call).
CREATE INDEX tickets_at_counter ON tickets(day, counter) WHERE status IN ('called', 'serving', 'parked');
