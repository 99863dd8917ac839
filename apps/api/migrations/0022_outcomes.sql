-- Outcome figures stay exact and fast over millions of cases: outcome_tally counts, per unit, how many
-- followed-up cases (survey_count > 0) have each value of each figure (level, first and latest income and
-- how many have one, days to independence, months of intake / independence / graduation) and how many scheduled surveys are
-- open per month they fall due (overdue = whole past months from here + this month's from the index).
-- Medians are read from these
-- counts exactly (the value at the middle position of the cumulative counts), so the headquarters page
-- never sorts a million rows. A trigger on case_progress keeps it current in the same transaction as every
-- survey change; like case_progress it is derived (an index of sorts) and carries no audit trigger.
CREATE TABLE "outcome_tally" (
	"unit_id" uuid NOT NULL,
	"metric" text COLLATE "C" NOT NULL,
	"value" bigint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "outcome_tally_pk" PRIMARY KEY ("unit_id", "metric", "value")
);
--> statement-breakpoint
-- What one case_progress row contributes: nothing until the case has a survey.
CREATE OR REPLACE FUNCTION atensi_outcome_cells(r public.case_progress)
RETURNS TABLE (metric text, value bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT m.metric, m.value FROM (VALUES
    ('followed', 0::bigint),
    ('level', r.level::bigint),
    ('graduated', CASE WHEN r.graduated_on IS NOT NULL THEN 0::bigint END),
    ('independent', CASE WHEN r.independent_on IS NOT NULL THEN 0::bigint END),
    ('first_income', r.first_income),
    ('first_income_n', CASE WHEN r.first_income IS NOT NULL THEN 0::bigint END),
    ('latest_income', r.latest_income),
    ('latest_income_n', CASE WHEN r.latest_income IS NOT NULL THEN 0::bigint END),
    ('days_independent', (r.independent_on - r.intake_date)::bigint),
    ('month_intake', (extract(year FROM r.intake_date) * 100 + extract(month FROM r.intake_date))::bigint),
    ('month_independent', (extract(year FROM r.independent_on) * 100 + extract(month FROM r.independent_on))::bigint),
    ('month_graduated', (extract(year FROM r.graduated_on) * 100 + extract(month FROM r.graduated_on))::bigint)
  ) AS m(metric, value)
  WHERE r.survey_count > 0 AND m.value IS NOT NULL
$$;
--> statement-breakpoint
-- Old contribution out, new one in, in one statement ordered by key (concurrent survey writes lock the
-- tally rows in the same order, so they wait for each other instead of deadlocking).
CREATE OR REPLACE FUNCTION atensi_outcome_tally_track()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO public.outcome_tally AS t (unit_id, metric, value, n)
  SELECT x.unit_id, x.metric, x.value, sum(x.d)::integer
    FROM (
      SELECT OLD.unit_id AS unit_id, c.metric, c.value, -1 AS d
        FROM public.atensi_outcome_cells(OLD) c WHERE TG_OP <> 'INSERT'
      UNION ALL
      SELECT NEW.unit_id, c.metric, c.value, 1
        FROM public.atensi_outcome_cells(NEW) c WHERE TG_OP <> 'DELETE'
    ) x
   GROUP BY x.unit_id, x.metric, x.value
  HAVING sum(x.d) <> 0
   ORDER BY x.unit_id, x.metric, x.value
  ON CONFLICT (unit_id, metric, value) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_outcome_tally_track() RESET ALL;
--> statement-breakpoint
CREATE TRIGGER outcome_tally_row AFTER INSERT OR DELETE ON case_progress
  FOR EACH ROW EXECUTE FUNCTION atensi_outcome_tally_track();
--> statement-breakpoint
CREATE TRIGGER outcome_tally_update AFTER UPDATE ON case_progress
  FOR EACH ROW WHEN (
    (OLD.unit_id, OLD.survey_count > 0, OLD.level, OLD.first_income, OLD.latest_income, OLD.intake_date,
     OLD.independent_on, OLD.graduated_on)
    IS DISTINCT FROM
    (NEW.unit_id, NEW.survey_count > 0, NEW.level, NEW.first_income, NEW.latest_income, NEW.intake_date,
     NEW.independent_on, NEW.graduated_on))
  EXECUTE FUNCTION atensi_outcome_tally_track();
--> statement-breakpoint
-- Open schedule entries per unit and month due: an entry counts while no survey fulfils it.
CREATE OR REPLACE FUNCTION atensi_outcome_open_track()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  INSERT INTO public.outcome_tally AS t (unit_id, metric, value, n)
  SELECT x.unit_id, 'open_month', x.value, sum(x.d)::integer
    FROM (
      SELECT OLD.unit_id AS unit_id,
             (extract(year FROM OLD.due_on) * 100 + extract(month FROM OLD.due_on))::bigint AS value, -1 AS d
       WHERE TG_OP <> 'INSERT' AND OLD.survey_id IS NULL
      UNION ALL
      SELECT NEW.unit_id, (extract(year FROM NEW.due_on) * 100 + extract(month FROM NEW.due_on))::bigint, 1
       WHERE TG_OP <> 'DELETE' AND NEW.survey_id IS NULL
    ) x
   GROUP BY x.unit_id, x.value
  HAVING sum(x.d) <> 0
   ORDER BY x.unit_id, x.value
  ON CONFLICT (unit_id, metric, value) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_outcome_open_track() RESET ALL;
--> statement-breakpoint
CREATE TRIGGER outcome_open_row AFTER INSERT OR DELETE ON survey_schedule
  FOR EACH ROW EXECUTE FUNCTION atensi_outcome_open_track();
--> statement-breakpoint
CREATE TRIGGER outcome_open_update AFTER UPDATE ON survey_schedule
  FOR EACH ROW WHEN ((OLD.unit_id, OLD.due_on, OLD.survey_id IS NULL) IS DISTINCT FROM (NEW.unit_id, NEW.due_on, NEW.survey_id IS NULL))
  EXECUTE FUNCTION atensi_outcome_open_track();
--> statement-breakpoint
-- Recount everything from case_progress and survey_schedule: after a bulk load written with triggers off (benchmarks), or to
-- check the tally against its source. Returns the number of tally rows.
CREATE OR REPLACE FUNCTION atensi_outcome_tally_rebuild()
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM public.outcome_tally;
  INSERT INTO public.outcome_tally (unit_id, metric, value, n)
  SELECT cp.unit_id, c.metric, c.value, count(*)::integer
    FROM public.case_progress cp, LATERAL public.atensi_outcome_cells(cp) c
   GROUP BY cp.unit_id, c.metric, c.value;
  GET DIAGNOSTICS n = ROW_COUNT;
  INSERT INTO public.outcome_tally (unit_id, metric, value, n)
  SELECT s.unit_id, 'open_month', (extract(year FROM s.due_on) * 100 + extract(month FROM s.due_on))::bigint,
         count(*)::integer
    FROM public.survey_schedule s WHERE s.survey_id IS NULL
   GROUP BY 1, 3;
  RETURN n;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_outcome_tally_rebuild() RESET ALL;
--> statement-breakpoint
SELECT atensi_outcome_tally_rebuild();
--> statement-breakpoint
-- Only the trigger writes the tally; a unit reads its own counts, headquarters all.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON outcome_tally FROM atensi_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION atensi_outcome_tally_rebuild() FROM PUBLIC;
--> statement-breakpoint
-- The all-units median walks each figure's values in order, summing the units' counts as it goes.
CREATE INDEX "outcome_tally_value_idx" ON "outcome_tally" USING btree ("metric", "value") INCLUDE ("n");
--> statement-breakpoint
ALTER TABLE outcome_tally ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY outcome_tally_scope ON outcome_tally
  USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
