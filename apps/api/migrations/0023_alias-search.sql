-- Street names and nicknames found by an index range: a search for "gondrong" that no full name starts with
-- reads the people whose alias starts with it, before the typo-tolerant trigram match over every name and
-- alias (which scores and sorts thousands of rows for a common street name). A stored key (lower case,
-- letters and digits, single spaces) keeps the condition a plain comparison, usable under row-level security.
ALTER TABLE person_alias ADD COLUMN alias_key text
  GENERATED ALWAYS AS (btrim(regexp_replace(lower(alias), '[^a-z0-9]+', ' ', 'g'))) STORED;
--> statement-breakpoint
CREATE INDEX person_alias_key_idx ON person_alias ((alias_key COLLATE "C"), person_id);
