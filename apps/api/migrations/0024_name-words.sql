-- People search beyond "the name starts with the text": a dictionary of the words in people's names and
-- aliases, and an index of each person's words.
-- 1. name_word: every distinct word of every name and alias (no person, no unit, no count: a word list like
--    a spelling dictionary). A search word that is no name word anywhere ("nurhalisa") is corrected to the
--    nearest one ("nurhaliza") by a trigram match over these few tens of thousands of words instead of over
--    every person, and the corrected text then runs as the fast name-order search. Kept by statement-level
--    triggers on person (set-based, so an import of thousands of rows adds one statement); words are only
--    added: a word no one has any more corrects to nothing in scope and the search goes on to the next tier.
CREATE TABLE "name_word" (
	"word" text COLLATE "C" PRIMARY KEY
);
--> statement-breakpoint
CREATE INDEX "name_word_trgm_idx" ON "name_word" USING gin ("word" gin_trgm_ops);
--> statement-breakpoint
INSERT INTO name_word (word)
SELECT DISTINCT w FROM person p, unnest(string_to_array(p.search_names, ' ')) w
 WHERE p.merged_into_id IS NULL AND w <> ''
ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION atensi_name_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public.name_word (word)
  SELECT DISTINCT w FROM new_rows p, unnest(string_to_array(p.search_names, ' ')) w
   WHERE p.merged_into_id IS NULL AND w <> ''
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- One trigger per event: a trigger with transition tables may name only one event.
CREATE TRIGGER name_words_insert AFTER INSERT ON person
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_name_words_add();
--> statement-breakpoint
CREATE TRIGGER name_words_update AFTER UPDATE ON person
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_name_words_add();
--> statement-breakpoint
-- Only the triggers (running as the user who changes people) add words; nobody edits or removes them.
REVOKE UPDATE, DELETE, TRUNCATE ON name_word FROM atensi_app;
--> statement-breakpoint
-- 2. Each person's words as an array, stored and indexed: "every word of the text is a word of the name or
--    an alias" (a street name, a family name alone, words in another order) is an index lookup, not a scan.
--    A stored column rather than an index on the expression: under row-level security an index serves only
--    conditions whose every function is leakproof (see 0017), and string_to_array is not marked so.
ALTER TABLE "person" ADD COLUMN "search_words" text[] GENERATED ALWAYS AS (string_to_array("search_names", ' ')) STORED;
--> statement-breakpoint
CREATE INDEX "person_words_idx" ON "person" USING gin ("search_words");
--> statement-breakpoint
-- Array containment and overlap are pure functions of their two arguments; only a superuser may mark them.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION arraycontains(anyarray, anyarray) LEAKPROOF;
    ALTER FUNCTION arrayoverlap(anyarray, anyarray) LEAKPROOF;
  ELSE
    RAISE NOTICE 'not a superuser: array operators not marked LEAKPROOF (searches by word will be slower)';
  END IF;
END;
$$;
--> statement-breakpoint
-- 3. A unit's people that another unit registered (served, referred): read by the unit without visiting
--    its own registered people's links (31,161 links, 1,573 of them such, at 1,000,000 people: 560 ms of
--    heap reads to filter on the reason, 8 ms from this index).
CREATE INDEX "person_unit_linked_idx" ON "person_unit" USING btree ("unit_id", "person_id") WHERE "reason" <> 'registered';
