-- Two orderings of people that the search reads as index ranges instead of sorting what it found. Both are
-- derived data (like name_word, 0024): written only by the triggers below, running as the definer, never by
-- a request; not audited (the rows they copy are).
-- 1. unit_person: the people each unit may see (registered, serves, referred: its person_unit links), in
--    name order. A unit's list or name search was two reads merged, its own people from
--    (registered_unit_id, name_norm) and the people another unit registered from their links: the second
--    visited every such person (1,573 for one unit at 1,000,000 people) for each page. One range now.
CREATE TABLE "unit_person" (
	"unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name_norm" text COLLATE "C" NOT NULL,
	CONSTRAINT "unit_person_pk" PRIMARY KEY ("person_id", "unit_id")
);
--> statement-breakpoint
CREATE INDEX "unit_person_name_idx" ON "unit_person" USING btree ("unit_id", "name_norm", "person_id");
--> statement-breakpoint
-- 2. person_word: each word of each person's name and aliases, in (word, name) order, for headquarters. A
--    street name shared by thousands ("ucok": 7,143 people at 1,000,000) was every match read and sorted for
--    one page; here it is a range that stops when the page is full. Merged records have no words.
CREATE TABLE "person_word" (
	"word" text COLLATE "C" NOT NULL,
	"name_norm" text COLLATE "C" NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "person_word_pk" PRIMARY KEY ("word", "name_norm", "person_id")
);
--> statement-breakpoint
CREATE INDEX "person_word_person_idx" ON "person_word" USING btree ("person_id");
--> statement-breakpoint
INSERT INTO unit_person (unit_id, person_id, name_norm)
SELECT DISTINCT pu.unit_id, pu.person_id, p.name_norm FROM person_unit pu JOIN person p ON p.id = pu.person_id
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO person_word (word, name_norm, person_id)
SELECT DISTINCT w, p.name_norm, p.id FROM person p, unnest(p.search_words) w
 WHERE p.merged_into_id IS NULL AND w <> ''
ON CONFLICT DO NOTHING;
--> statement-breakpoint
ALTER TABLE "unit_person" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "person_word" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A unit reads its own range; headquarters every range. person_word is headquarters' only: a unit's word
-- search reads its own people (person_words_idx), so it never needs another unit's people's words.
CREATE POLICY unit_person_scope ON unit_person FOR SELECT
  USING ((SELECT current_setting('atensi.scope', true)) = 'all'
         OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY person_word_scope ON person_word FOR SELECT
  USING ((SELECT current_setting('atensi.scope', true)) = 'all');
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON unit_person, person_word FROM atensi_app;
--> statement-breakpoint
-- Links added: the unit gains the person. Set-based, so an import's batch adds one statement.
CREATE FUNCTION atensi_unit_person_add() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO public.unit_person (unit_id, person_id, name_norm)
  SELECT DISTINCT n.unit_id, n.person_id, p.name_norm FROM new_rows n JOIN public.person p ON p.id = n.person_id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Links removed (a merge undone): the unit loses the person once no link of any reason is left.
CREATE FUNCTION atensi_unit_person_drop() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  DELETE FROM public.unit_person u USING (SELECT DISTINCT o.unit_id, o.person_id FROM old_rows o) o
   WHERE u.unit_id = o.unit_id AND u.person_id = o.person_id
     AND NOT EXISTS (SELECT 1 FROM public.person_unit pu WHERE pu.unit_id = o.unit_id AND pu.person_id = o.person_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Links changed (a unit merged into another moves its links): drop what is gone, add what is new.
CREATE FUNCTION atensi_unit_person_move() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  DELETE FROM public.unit_person u USING (SELECT DISTINCT o.unit_id, o.person_id FROM old_rows o) o
   WHERE u.unit_id = o.unit_id AND u.person_id = o.person_id
     AND NOT EXISTS (SELECT 1 FROM public.person_unit pu WHERE pu.unit_id = o.unit_id AND pu.person_id = o.person_id);
  INSERT INTO public.unit_person (unit_id, person_id, name_norm)
  SELECT DISTINCT n.unit_id, n.person_id, p.name_norm FROM new_rows n JOIN public.person p ON p.id = n.person_id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_person_insert AFTER INSERT ON person_unit
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_add();
--> statement-breakpoint
CREATE TRIGGER unit_person_delete AFTER DELETE ON person_unit
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_drop();
--> statement-breakpoint
CREATE TRIGGER unit_person_update AFTER UPDATE ON person_unit
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_move();
--> statement-breakpoint
-- People added: their words.
CREATE FUNCTION atensi_person_word_add() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO public.person_word (word, name_norm, person_id)
  SELECT DISTINCT w, n.name_norm, n.id FROM new_rows n, unnest(n.search_words) w
   WHERE n.merged_into_id IS NULL AND w <> ''
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- People renamed, given aliases or merged: their words and their place in every unit's order again. Only
-- rows whose name, words or merge changed are touched (an edit of an address changes nothing here).
CREATE FUNCTION atensi_person_order_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE n.search_words IS DISTINCT FROM o.search_words
                     OR n.name_norm IS DISTINCT FROM o.name_norm
                     OR n.merged_into_id IS DISTINCT FROM o.merged_into_id) THEN
    RETURN NULL;
  END IF;
  DELETE FROM public.person_word w USING new_rows n JOIN old_rows o ON o.id = n.id
   WHERE w.person_id = n.id
     AND (n.search_words IS DISTINCT FROM o.search_words OR n.name_norm IS DISTINCT FROM o.name_norm
          OR n.merged_into_id IS DISTINCT FROM o.merged_into_id);
  INSERT INTO public.person_word (word, name_norm, person_id)
  SELECT DISTINCT w, n.name_norm, n.id FROM new_rows n JOIN old_rows o ON o.id = n.id, unnest(n.search_words) w
   WHERE n.merged_into_id IS NULL AND w <> ''
     AND (n.search_words IS DISTINCT FROM o.search_words OR n.name_norm IS DISTINCT FROM o.name_norm
          OR n.merged_into_id IS DISTINCT FROM o.merged_into_id)
  ON CONFLICT DO NOTHING;
  UPDATE public.unit_person u SET name_norm = n.name_norm FROM new_rows n
   WHERE u.person_id = n.id AND u.name_norm IS DISTINCT FROM n.name_norm;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER person_word_insert AFTER INSERT ON person
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_person_word_add();
--> statement-breakpoint
CREATE TRIGGER person_order_update AFTER UPDATE ON person
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_person_order_change();
