-- Two orderings of people that the search reads as index ranges instead of sorting or filtering what it
-- found. Both are derived data (like name_word, 0024): written only by the triggers below, running as the
-- definer, never by a request; not audited (the rows they copy are).
-- 1. unit_person: in name order, the people each unit may see (its person_unit links: registered, serves,
--    referred), and under the registry's own id (all zeros) every person, for headquarters; with what the
--    list filters on (sex, birth date, area, clusters, PPKS) in the index itself. A list or a name prefix,
--    filtered or not, is one range read from the index alone, stopping when the page is full, and its count
--    (up to the cap) never visits a person. Before, a unit's list was two reads merged (its own people and,
--    one by one, the 1,573 another unit registered, at 1,000,000 people) and a filter visited each person
--    and their clusters (69,000 buffers to count one cluster in one unit). Merged records have no rows.
CREATE TABLE "unit_person" (
	"unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name_norm" text COLLATE "C" NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date,
	"area_code" text COLLATE "C",
	"clusters" text[] NOT NULL DEFAULT '{}',
	"ppks" integer[] NOT NULL DEFAULT '{}',
	CONSTRAINT "unit_person_pk" PRIMARY KEY ("person_id", "unit_id")
);
--> statement-breakpoint
CREATE INDEX "unit_person_name_idx" ON "unit_person" USING btree ("unit_id", "name_norm", "person_id")
  INCLUDE ("sex", "birth_date", "area_code", "clusters", "ppks");
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
-- The rows of a set of people, from their records and links: the registry's row and one per linked unit.
-- Run by the triggers, as the definer; merged records get none.
CREATE FUNCTION atensi_unit_person_rows(p_ids uuid[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO public.unit_person (unit_id, person_id, name_norm, sex, birth_date, area_code, clusters, ppks)
  SELECT s.unit_id, p.id, p.name_norm, p.sex, p.birth_date, p.area_code,
         COALESCE((SELECT array_agg(c.cluster_code ORDER BY c.cluster_code) FROM public.person_cluster c WHERE c.person_id = p.id), '{}'),
         COALESCE((SELECT array_agg(x.ppks_no ORDER BY x.ppks_no) FROM public.person_ppks x WHERE x.person_id = p.id), '{}')
    FROM public.person p
    CROSS JOIN LATERAL (SELECT '00000000-0000-0000-0000-000000000000'::uuid AS unit_id
                        UNION SELECT pu.unit_id FROM public.person_unit pu WHERE pu.person_id = p.id) s
   WHERE p.id = ANY (p_ids) AND p.merged_into_id IS NULL
  ON CONFLICT DO NOTHING;
END;
$$;
--> statement-breakpoint
SELECT atensi_unit_person_rows(array_agg(id)) FROM person WHERE merged_into_id IS NULL;
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
-- Links added or changed: the unit gains the person (set-based: an import's batch adds one statement).
CREATE FUNCTION atensi_unit_person_link() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  PERFORM public.atensi_unit_person_rows(ARRAY(SELECT DISTINCT n.person_id FROM new_rows n));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Links removed or changed (a merge undone, a unit merged into another): the unit loses the person once no
-- link of any reason is left.
CREATE FUNCTION atensi_unit_person_unlink() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  DELETE FROM public.unit_person u USING (SELECT DISTINCT o.unit_id, o.person_id FROM old_rows o) o
   WHERE u.unit_id = o.unit_id AND u.person_id = o.person_id
     AND NOT EXISTS (SELECT 1 FROM public.person_unit pu WHERE pu.unit_id = o.unit_id AND pu.person_id = o.person_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_person_insert AFTER INSERT ON person_unit
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_link();
--> statement-breakpoint
CREATE TRIGGER unit_person_delete AFTER DELETE ON person_unit
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_unlink();
--> statement-breakpoint
CREATE TRIGGER unit_person_update_old AFTER UPDATE ON person_unit
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_unlink();
--> statement-breakpoint
CREATE TRIGGER unit_person_update_new AFTER UPDATE ON person_unit
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_link();
--> statement-breakpoint
-- Clusters or PPKS added, removed or changed: the people's lists again.
CREATE FUNCTION atensi_unit_person_tags(p_ids uuid[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  UPDATE public.unit_person u
     SET clusters = COALESCE((SELECT array_agg(c.cluster_code ORDER BY c.cluster_code) FROM public.person_cluster c WHERE c.person_id = u.person_id), '{}'),
         ppks = COALESCE((SELECT array_agg(x.ppks_no ORDER BY x.ppks_no) FROM public.person_ppks x WHERE x.person_id = u.person_id), '{}')
   WHERE u.person_id = ANY (p_ids);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION atensi_unit_person_tags_new() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  PERFORM public.atensi_unit_person_tags(ARRAY(SELECT DISTINCT n.person_id FROM new_rows n));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION atensi_unit_person_tags_old() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  PERFORM public.atensi_unit_person_tags(ARRAY(SELECT DISTINCT o.person_id FROM old_rows o));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_person_cluster_insert AFTER INSERT ON person_cluster
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_tags_new();
--> statement-breakpoint
CREATE TRIGGER unit_person_cluster_delete AFTER DELETE ON person_cluster
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_tags_old();
--> statement-breakpoint
CREATE TRIGGER unit_person_cluster_update AFTER UPDATE ON person_cluster
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_tags_old();
--> statement-breakpoint
CREATE TRIGGER unit_person_ppks_insert AFTER INSERT ON person_ppks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_tags_new();
--> statement-breakpoint
CREATE TRIGGER unit_person_ppks_delete AFTER DELETE ON person_ppks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_tags_old();
--> statement-breakpoint
CREATE TRIGGER unit_person_ppks_update AFTER UPDATE ON person_ppks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_unit_person_tags_old();
--> statement-breakpoint
-- People added: the registry's row and their words.
CREATE FUNCTION atensi_person_order_add() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  PERFORM public.atensi_unit_person_rows(ARRAY(SELECT n.id FROM new_rows n WHERE n.merged_into_id IS NULL));
  INSERT INTO public.person_word (word, name_norm, person_id)
  SELECT DISTINCT w, n.name_norm, n.id FROM new_rows n, unnest(n.search_words) w
   WHERE n.merged_into_id IS NULL AND w <> ''
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- People renamed, given aliases, moved, merged or unmerged: their rows again. Only people whose name, words,
-- sex, birth date, area or merge changed are touched (a new phone number changes nothing here).
CREATE FUNCTION atensi_person_order_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  v_ids uuid[];
BEGIN
  SELECT array_agg(n.id) INTO v_ids FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n.search_words IS DISTINCT FROM o.search_words OR n.name_norm IS DISTINCT FROM o.name_norm
      OR n.sex IS DISTINCT FROM o.sex OR n.birth_date IS DISTINCT FROM o.birth_date
      OR n.area_code IS DISTINCT FROM o.area_code OR n.merged_into_id IS DISTINCT FROM o.merged_into_id;
  IF v_ids IS NULL THEN
    RETURN NULL;
  END IF;
  -- A person's rows are found by their old words and name (the primary key): no second index to keep.
  DELETE FROM public.person_word w USING old_rows o, unnest(o.search_words) x
   WHERE o.id = ANY (v_ids) AND w.word = x AND w.name_norm = o.name_norm AND w.person_id = o.id;
  INSERT INTO public.person_word (word, name_norm, person_id)
  SELECT DISTINCT w, n.name_norm, n.id FROM new_rows n, unnest(n.search_words) w
   WHERE n.id = ANY (v_ids) AND n.merged_into_id IS NULL AND w <> ''
  ON CONFLICT DO NOTHING;
  DELETE FROM public.unit_person u WHERE u.person_id = ANY (v_ids);
  PERFORM public.atensi_unit_person_rows(v_ids);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER person_order_insert AFTER INSERT ON person
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_person_order_add();
--> statement-breakpoint
CREATE TRIGGER person_order_update AFTER UPDATE ON person
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_person_order_change();
--> statement-breakpoint
-- Only the triggers (as the definer) build rows; a request cannot call the builders directly.
REVOKE EXECUTE ON FUNCTION atensi_unit_person_rows(uuid[]), atensi_unit_person_tags(uuid[]) FROM PUBLIC;
--> statement-breakpoint
-- The people a unit serves or was referred that another unit registered, with a word of their name or
-- aliases: the word's range of person_word against the unit's links, from the two indexes alone. A unit may
-- not read person_word (other units' people's words); this definer answers for the caller's own unit only
-- (or any, for headquarters), and returns only ids of people the caller may already see.
CREATE FUNCTION atensi_unit_linked_word(p_unit uuid, p_word text)
RETURNS SETOF uuid LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
  IF pg_catalog.current_setting('atensi.scope', true) IS DISTINCT FROM 'all'
     AND p_unit IS DISTINCT FROM NULLIF(pg_catalog.current_setting('atensi.unit_id', true), '')::uuid THEN
    RAISE EXCEPTION 'unit % is not the caller''s', p_unit USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT w.person_id FROM public.person_word w
      JOIN (SELECT DISTINCT pu.person_id FROM public.person_unit pu
             WHERE pu.unit_id = p_unit AND pu.reason <> 'registered') l ON l.person_id = w.person_id
     WHERE w.word = p_word;
END;
$$;
