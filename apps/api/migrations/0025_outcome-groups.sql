-- Filtered outcome views read the tally too: outcome_tally is now also keyed by a group of cases, so a
-- cluster, approach or intake-period filter sums a few groups' counts instead of aggregating case_progress.
-- grp is one of: '' (all cases, as before), 'c:<cluster>', 'a:<approach>' (a case with two approaches is in
-- both), 'y:<intake year>', 'q:<intake year and quarter, YYYYQ>', 'm:<intake YYYYMM>',
-- 'cy:<cluster>:<intake year>'. A period of whole months is whole years, quarters and months; other
-- combinations stay with the case-level aggregate. Every group is kept by the
-- same row triggers in the same transaction as the survey change. Scheduled surveys take the group of their
-- case (case_record), so overdue follows the filters as well.
ALTER TABLE "outcome_tally" DROP CONSTRAINT "outcome_tally_pk";
--> statement-breakpoint
DROP INDEX IF EXISTS "outcome_tally_value_idx";
--> statement-breakpoint
ALTER TABLE "outcome_tally" ADD COLUMN "grp" text COLLATE "C" DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "outcome_tally" ALTER COLUMN "grp" DROP DEFAULT;
--> statement-breakpoint
-- n rides in the key's index, so a unit's walk reads the index only (the table no longer fits in a few pages).
ALTER TABLE "outcome_tally" ADD CONSTRAINT "outcome_tally_pk" PRIMARY KEY ("unit_id", "grp", "metric", "value") INCLUDE ("n");
--> statement-breakpoint
-- The groups a case is in, from the fields the filters use.
CREATE OR REPLACE FUNCTION atensi_outcome_groups(p_cluster text, p_approaches text[], p_intake date)
RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
  SELECT g FROM (
    SELECT ''::text AS g
    UNION ALL SELECT 'c:' || p_cluster
    UNION ALL SELECT DISTINCT 'a:' || a FROM unnest(p_approaches) a
    UNION ALL SELECT 'y:' || to_char(p_intake, 'YYYY')
    UNION ALL SELECT 'q:' || to_char(p_intake, 'YYYYQ')
    UNION ALL SELECT 'm:' || to_char(p_intake, 'YYYYMM')
    UNION ALL SELECT 'cy:' || p_cluster || ':' || to_char(p_intake, 'YYYY')
  ) x WHERE g IS NOT NULL
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atensi_outcome_tally_track()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO public.outcome_tally AS t (unit_id, grp, metric, value, n)
  SELECT x.unit_id, x.grp, x.metric, x.value, sum(x.d)::integer
    FROM (
      SELECT OLD.unit_id AS unit_id, g.g AS grp, c.metric, c.value, -1 AS d
        FROM public.atensi_outcome_cells(OLD) c,
             public.atensi_outcome_groups(OLD.cluster_code, OLD.approaches, OLD.intake_date) g(g)
       WHERE TG_OP <> 'INSERT'
      UNION ALL
      SELECT NEW.unit_id, g.g, c.metric, c.value, 1
        FROM public.atensi_outcome_cells(NEW) c,
             public.atensi_outcome_groups(NEW.cluster_code, NEW.approaches, NEW.intake_date) g(g)
       WHERE TG_OP <> 'DELETE'
    ) x
   GROUP BY x.unit_id, x.grp, x.metric, x.value
  HAVING sum(x.d) <> 0
   ORDER BY x.unit_id, x.grp, x.metric, x.value
  ON CONFLICT (unit_id, grp, metric, value) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_outcome_tally_track() RESET ALL;
--> statement-breakpoint
DROP TRIGGER outcome_tally_update ON case_progress;
--> statement-breakpoint
CREATE TRIGGER outcome_tally_update AFTER UPDATE ON case_progress
  FOR EACH ROW WHEN (
    (OLD.unit_id, OLD.survey_count > 0, OLD.level, OLD.first_income, OLD.latest_income, OLD.intake_date,
     OLD.independent_on, OLD.graduated_on, OLD.cluster_code, OLD.approaches)
    IS DISTINCT FROM
    (NEW.unit_id, NEW.survey_count > 0, NEW.level, NEW.first_income, NEW.latest_income, NEW.intake_date,
     NEW.independent_on, NEW.graduated_on, NEW.cluster_code, NEW.approaches))
  EXECUTE FUNCTION atensi_outcome_tally_track();
--> statement-breakpoint
-- Open schedule entries per unit, group of their case and month due.
CREATE OR REPLACE FUNCTION atensi_outcome_open_track()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO public.outcome_tally AS t (unit_id, grp, metric, value, n)
  SELECT x.unit_id, x.grp, 'open_month', x.value, sum(x.d)::integer
    FROM (
      SELECT OLD.unit_id AS unit_id, g.g AS grp,
             (extract(year FROM OLD.due_on) * 100 + extract(month FROM OLD.due_on))::bigint AS value, -1 AS d
        FROM public.case_record c,
             public.atensi_outcome_groups(c.cluster_code, c.approaches, c.intake_date) g(g)
       WHERE TG_OP <> 'INSERT' AND OLD.survey_id IS NULL AND c.id = OLD.case_id
      UNION ALL
      SELECT NEW.unit_id, g.g, (extract(year FROM NEW.due_on) * 100 + extract(month FROM NEW.due_on))::bigint, 1
        FROM public.case_record c,
             public.atensi_outcome_groups(c.cluster_code, c.approaches, c.intake_date) g(g)
       WHERE TG_OP <> 'DELETE' AND NEW.survey_id IS NULL AND c.id = NEW.case_id
    ) x
   GROUP BY x.unit_id, x.grp, x.value
  HAVING sum(x.d) <> 0
   ORDER BY x.unit_id, x.grp, x.value
  ON CONFLICT (unit_id, grp, metric, value) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_outcome_open_track() RESET ALL;
--> statement-breakpoint
DROP TRIGGER outcome_open_update ON survey_schedule;
--> statement-breakpoint
CREATE TRIGGER outcome_open_update AFTER UPDATE ON survey_schedule
  FOR EACH ROW WHEN ((OLD.unit_id, OLD.case_id, OLD.due_on, OLD.survey_id IS NULL)
    IS DISTINCT FROM (NEW.unit_id, NEW.case_id, NEW.due_on, NEW.survey_id IS NULL))
  EXECUTE FUNCTION atensi_outcome_open_track();
--> statement-breakpoint
-- Should a case's cluster, approaches or intake date change, its open entries move to the new groups.
CREATE OR REPLACE FUNCTION atensi_outcome_case_move()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO public.outcome_tally AS t (unit_id, grp, metric, value, n)
  SELECT x.unit_id, x.grp, 'open_month', x.value, sum(x.d)::integer
    FROM (
      SELECT s.unit_id, g.g AS grp,
             (extract(year FROM s.due_on) * 100 + extract(month FROM s.due_on))::bigint AS value, -1 AS d
        FROM public.survey_schedule s,
             public.atensi_outcome_groups(OLD.cluster_code, OLD.approaches, OLD.intake_date) g(g)
       WHERE s.case_id = OLD.id AND s.survey_id IS NULL
      UNION ALL
      SELECT s.unit_id, g.g, (extract(year FROM s.due_on) * 100 + extract(month FROM s.due_on))::bigint, 1
        FROM public.survey_schedule s,
             public.atensi_outcome_groups(NEW.cluster_code, NEW.approaches, NEW.intake_date) g(g)
       WHERE s.case_id = NEW.id AND s.survey_id IS NULL
    ) x
   GROUP BY x.unit_id, x.grp, x.value
  HAVING sum(x.d) <> 0
   ORDER BY x.unit_id, x.grp, x.value
  ON CONFLICT (unit_id, grp, metric, value) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_outcome_case_move() RESET ALL;
--> statement-breakpoint
CREATE TRIGGER outcome_case_move AFTER UPDATE ON case_record
  FOR EACH ROW WHEN ((OLD.cluster_code, OLD.approaches, OLD.intake_date)
    IS DISTINCT FROM (NEW.cluster_code, NEW.approaches, NEW.intake_date))
  EXECUTE FUNCTION atensi_outcome_case_move();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atensi_outcome_tally_rebuild()
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM public.outcome_tally;
  INSERT INTO public.outcome_tally (unit_id, grp, metric, value, n)
  SELECT cp.unit_id, g.g, c.metric, c.value, count(*)::integer
    FROM public.case_progress cp,
         LATERAL public.atensi_outcome_cells(cp) c,
         LATERAL public.atensi_outcome_groups(cp.cluster_code, cp.approaches, cp.intake_date) g(g)
   WHERE cp.survey_count > 0
   GROUP BY cp.unit_id, g.g, c.metric, c.value;
  GET DIAGNOSTICS n = ROW_COUNT;
  INSERT INTO public.outcome_tally (unit_id, grp, metric, value, n)
  SELECT s.unit_id, g.g, 'open_month', (extract(year FROM s.due_on) * 100 + extract(month FROM s.due_on))::bigint,
         count(*)::integer
    FROM public.survey_schedule s
    JOIN public.case_record c ON c.id = s.case_id,
         LATERAL public.atensi_outcome_groups(c.cluster_code, c.approaches, c.intake_date) g(g)
   WHERE s.survey_id IS NULL
   GROUP BY 1, 2, 4;
  RETURN n;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_outcome_tally_rebuild() RESET ALL;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION atensi_outcome_tally_rebuild() FROM PUBLIC;
--> statement-breakpoint
SELECT atensi_outcome_tally_rebuild();
--> statement-breakpoint
-- A group's figures for all units, read from the index only: the counts, and the all-units walks (a
-- figure's values in order within a group, summing the units' counts).
CREATE INDEX "outcome_tally_value_idx" ON "outcome_tally" USING btree ("grp", "metric", "value") INCLUDE ("unit_id", "n");
