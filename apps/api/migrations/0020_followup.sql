CREATE TABLE "case_progress" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"cluster_code" text NOT NULL,
	"approaches" text[] NOT NULL,
	"intake_date" date NOT NULL,
	"survey_count" integer DEFAULT 0 NOT NULL,
	"first_income" bigint,
	"latest_income" bigint,
	"first_survey_on" date,
	"latest_survey_on" date,
	"level" integer DEFAULT -1 NOT NULL,
	"independent_on" date,
	"graduated_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minimum_wage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"regency_code" text,
	"year" integer NOT NULL,
	"amount_rupiah" bigint NOT NULL,
	"source" text,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minimum_wage_amount_ck" CHECK ("minimum_wage"."amount_rupiah" > 0),
	CONSTRAINT "minimum_wage_year_ck" CHECK ("minimum_wage"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "roadmap_level" (
	"level" integer PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"is_independence" boolean DEFAULT false NOT NULL,
	"is_graduation" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_level_ck" CHECK ("roadmap_level"."level" between 0 and 20)
);
--> statement-breakpoint
CREATE TABLE "roadmap_milestone" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"reached_on" date NOT NULL,
	"evidence" jsonb NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"surveyed_on" date NOT NULL,
	"kind" text NOT NULL,
	"monthly_income" bigint NOT NULL,
	"income_wages" bigint DEFAULT 0 NOT NULL,
	"income_business" bigint DEFAULT 0 NOT NULL,
	"income_transfers" bigint DEFAULT 0 NOT NULL,
	"income_aid" bigint DEFAULT 0 NOT NULL,
	"income_outlet" bigint DEFAULT 0 NOT NULL,
	"income_other" bigint DEFAULT 0 NOT NULL,
	"work_status" text NOT NULL,
	"has_business" boolean DEFAULT false NOT NULL,
	"business_turnover" bigint,
	"business_employees" integer,
	"savings" bigint,
	"has_bank_account" boolean DEFAULT false NOT NULL,
	"housing" text NOT NULL,
	"social_functioning_score" integer,
	"has_nik" boolean NOT NULL,
	"has_kk" boolean NOT NULL,
	"has_birth_certificate" boolean NOT NULL,
	"has_health_insurance" boolean NOT NULL,
	"children_in_school" text NOT NULL,
	"notes" text,
	"recorded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_kind_ck" CHECK ("survey"."kind" in ('intake','termination','followup','adhoc')),
	CONSTRAINT "survey_income_ck" CHECK ("survey"."income_wages" >= 0 and "survey"."income_business" >= 0 and "survey"."income_transfers" >= 0 and "survey"."income_aid" >= 0 and "survey"."income_outlet" >= 0 and "survey"."income_other" >= 0 and "survey"."monthly_income" = "survey"."income_wages" + "survey"."income_business" + "survey"."income_transfers" + "survey"."income_aid" + "survey"."income_outlet" + "survey"."income_other"),
	CONSTRAINT "survey_work_status_ck" CHECK ("survey"."work_status" in ('employed','self_employed','casual','unemployed','not_in_labour_force')),
	CONSTRAINT "survey_housing_ck" CHECK ("survey"."housing" in ('own','rent','family','institution','shelter','street')),
	CONSTRAINT "survey_children_ck" CHECK ("survey"."children_in_school" in ('all','some','none','not_applicable')),
	CONSTRAINT "survey_business_ck" CHECK (("survey"."business_turnover" is null or "survey"."business_turnover" >= 0) and ("survey"."business_employees" is null or "survey"."business_employees" >= 0) and ("survey"."savings" is null or "survey"."savings" >= 0))
);
--> statement-breakpoint
CREATE TABLE "survey_schedule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"survey_id" uuid,
	"task_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_schedule_kind_ck" CHECK ("survey_schedule"."kind" in ('intake','termination','followup','adhoc'))
);
--> statement-breakpoint
ALTER TABLE "case_progress" ADD CONSTRAINT "case_progress_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_progress" ADD CONSTRAINT "case_progress_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_progress" ADD CONSTRAINT "case_progress_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_milestone" ADD CONSTRAINT "roadmap_milestone_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_milestone" ADD CONSTRAINT "roadmap_milestone_level_roadmap_level_level_fk" FOREIGN KEY ("level") REFERENCES "public"."roadmap_level"("level") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey" ADD CONSTRAINT "survey_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey" ADD CONSTRAINT "survey_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey" ADD CONSTRAINT "survey_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_schedule" ADD CONSTRAINT "survey_schedule_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_schedule" ADD CONSTRAINT "survey_schedule_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_schedule" ADD CONSTRAINT "survey_schedule_survey_id_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_schedule" ADD CONSTRAINT "survey_schedule_task_id_case_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."case_task"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_progress_unit_idx" ON "case_progress" USING btree ("unit_id","cluster_code","intake_date");--> statement-breakpoint
CREATE INDEX "case_progress_person_idx" ON "case_progress" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "minimum_wage_uq" ON "minimum_wage" USING btree ("province_code",coalesce("regency_code", ''),"year");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_level_code_uq" ON "roadmap_level" USING btree ("code");--> statement-breakpoint
CREATE INDEX "roadmap_milestone_person_idx" ON "roadmap_milestone" USING btree ("person_id","level");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_milestone_live_uq" ON "roadmap_milestone" USING btree ("person_id","level") WHERE "roadmap_milestone"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "survey_person_idx" ON "survey" USING btree ("person_id","surveyed_on");--> statement-breakpoint
CREATE INDEX "survey_case_idx" ON "survey" USING btree ("case_id","surveyed_on");--> statement-breakpoint
CREATE INDEX "survey_unit_idx" ON "survey" USING btree ("unit_id","surveyed_on");--> statement-breakpoint
CREATE INDEX "survey_schedule_case_idx" ON "survey_schedule" USING btree ("case_id","due_on");--> statement-breakpoint
CREATE INDEX "survey_schedule_open_idx" ON "survey_schedule" USING btree ("unit_id","due_on") WHERE "survey_schedule"."survey_id" is null;--> statement-breakpoint
-- Every change audited: inserts set-based per statement, updates and deletes per row (as 0016).
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON minimum_wage FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON minimum_wage REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON roadmap_level FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON roadmap_level REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON survey FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON survey REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON survey_schedule FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON survey_schedule REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON roadmap_milestone FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON roadmap_milestone REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
-- case_progress is derived (recomputed from surveys in the same transaction); the survey changes are the
-- audited record, so it carries no audit trigger of its own.
-- Surveys and milestones belong to the person: every unit that may see the person sees their follow-up
-- history (a unit that accepted a referral continues the roadmap); a unit records surveys only for itself.
ALTER TABLE survey ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY survey_scope ON survey
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = survey.person_id))
  WITH CHECK ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE roadmap_milestone ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY roadmap_milestone_scope ON roadmap_milestone
  USING (EXISTS (SELECT 1 FROM person p WHERE p.id = roadmap_milestone.person_id));
--> statement-breakpoint
ALTER TABLE survey_schedule ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY survey_schedule_scope ON survey_schedule
  USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE case_progress ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_progress_scope ON case_progress
  USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
-- A person's roadmap level is person-wide: a survey recorded by one unit can move the level shown on the
-- cases other units hold for the same person. Only a caller whose unit holds a case of the person (or
-- headquarters) may move it: the check reads the request's settings, since a definer bypasses RLS.
CREATE OR REPLACE FUNCTION atensi_set_person_level(p_person uuid, p_level integer, p_independent date, p_graduated date)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  n integer;
BEGIN
  IF current_setting('atensi.scope', true) IS DISTINCT FROM 'all' AND NOT EXISTS (
       SELECT 1 FROM public.case_record c
        WHERE c.person_id = p_person
          AND c.unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid) THEN
    RAISE EXCEPTION 'person % is not served by the caller''s unit', p_person USING ERRCODE = '42501';
  END IF;
  UPDATE public.case_progress cp
     SET level = p_level, independent_on = p_independent, graduated_on = p_graduated, updated_at = now()
   WHERE cp.person_id = p_person
     AND (cp.level, cp.independent_on, cp.graduated_on) IS DISTINCT FROM (p_level, p_independent, p_graduated);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_set_person_level(uuid, integer, date, date) RESET ALL;
--> statement-breakpoint
-- The roadmap is person-wide, but cases, assessments, plans, services, tasks and trainings are scoped to the
-- unit that holds them: the roadmap engine reads the person's facts across units through this definer, which
-- returns only dates, scores, codes and reasons (no notes, no names) and only for a person the caller's unit
-- may see (the same test as person_scope). training_enrolment arrives in 0021: read when present.
CREATE OR REPLACE FUNCTION atensi_roadmap_facts(p_person uuid)
RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
DECLARE
  v_unit uuid := NULLIF(current_setting('atensi.unit_id', true), '')::uuid;
  v_out jsonb;
  v_trainings jsonb := '[]'::jsonb;
BEGIN
  IF current_setting('atensi.scope', true) IS DISTINCT FROM 'all' AND NOT EXISTS (
       SELECT 1 FROM public.person p WHERE p.id = p_person AND p.registered_unit_id = v_unit)
     AND NOT EXISTS (
       SELECT 1 FROM public.person_unit pu WHERE pu.person_id = p_person AND pu.unit_id = v_unit) THEN
    RAISE EXCEPTION 'person % is not visible to the caller''s unit', p_person USING ERRCODE = '42501';
  END IF;
  IF to_regclass('public.training_enrolment') IS NOT NULL THEN
    EXECUTE 'SELECT coalesce(jsonb_agg(e.completed_on ORDER BY e.completed_on), ''[]''::jsonb)
               FROM public.training_enrolment e
              WHERE e.person_id = $1 AND e.status = ''completed'' AND e.completed_on IS NOT NULL'
      INTO v_trainings USING p_person;
  END IF;
  SELECT jsonb_build_object(
    'cases', coalesce((SELECT jsonb_agg(jsonb_build_object('id', c.id, 'unitId', c.unit_id,
                 'intakeDate', c.intake_date, 'terminationReason', c.termination_reason,
                 'terminatedAt', c.terminated_at) ORDER BY c.intake_date)
               FROM public.case_record c WHERE c.person_id = p_person), '[]'::jsonb),
    'assessments', coalesce((SELECT jsonb_agg(jsonb_build_object('on', a.assessed_on, 'score', a.functioning_score)
                 ORDER BY a.assessed_on, a.created_at)
               FROM public.case_assessment a JOIN public.case_record c ON c.id = a.case_id
              WHERE c.person_id = p_person), '[]'::jsonb),
    'plans', coalesce((SELECT jsonb_agg((pl.approved_at AT TIME ZONE 'Asia/Jakarta')::date ORDER BY pl.approved_at)
               FROM public.case_plan pl JOIN public.case_record c ON c.id = pl.case_id
              WHERE c.person_id = p_person AND pl.approved_at IS NOT NULL), '[]'::jsonb),
    'services', coalesce((SELECT jsonb_agg(jsonb_build_object('code', s.service_code, 'on', s.delivered_on)
                 ORDER BY s.delivered_on)
               FROM public.case_service s JOIN public.case_record c ON c.id = s.case_id
              WHERE c.person_id = p_person AND s.reverses_id IS NULL
                AND NOT EXISTS (SELECT 1 FROM public.case_service r WHERE r.reverses_id = s.id)), '[]'::jsonb),
    'documentTasks', coalesce((SELECT jsonb_agg(jsonb_build_object('from', (t.created_at AT TIME ZONE 'Asia/Jakarta')::date,
                 'doneOn', (t.done_at AT TIME ZONE 'Asia/Jakarta')::date))
               FROM public.case_task t JOIN public.case_record c ON c.id = t.case_id
              WHERE c.person_id = p_person AND t.kind = 'document'), '[]'::jsonb),
    'trainings', v_trainings)
  INTO v_out;
  RETURN v_out;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_roadmap_facts(uuid) RESET ALL;
