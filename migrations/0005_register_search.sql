-- Register search at scale (bench/registry, docs/performance.md): the households of a village, counted and paged in
-- id order with their status (active by default) from the index alone, without reading the households. It begins
-- with the columns of households_village, which it replaces.
CREATE INDEX households_village_status ON households (village_code, status, id);
DROP INDEX households_village;
