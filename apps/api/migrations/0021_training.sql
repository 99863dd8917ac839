-- Training (issue 6): the course catalogue (reference data everyone reads, headquarters edits), cohorts run
-- by a unit, enrolment of the unit's people, sessions with attendance, assessment, completion and certificates.
CREATE TABLE "course" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text NOT NULL,
	"description_id" text,
	"description_en" text,
	"hours" integer NOT NULL,
	"competencies_id" text[] DEFAULT '{}' NOT NULL,
	"competencies_en" text[] DEFAULT '{}' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"source" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_kind_ck" CHECK ("course"."kind" in ('vocational','entrepreneurship')),
	CONSTRAINT "course_hours_ck" CHECK ("course"."hours" between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "training_cohort" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"course_code" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"trainer" text NOT NULL,
	"place" text NOT NULL,
	"capacity" integer NOT NULL,
	"notes" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_cohort_dates_ck" CHECK ("training_cohort"."ends_on" >= "training_cohort"."starts_on"),
	CONSTRAINT "training_cohort_capacity_ck" CHECK ("training_cohort"."capacity" between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "training_enrolment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"enrolled_on" date NOT NULL,
	"score" integer,
	"passed" boolean,
	"assessed_on" date,
	"completed_on" date,
	"certificate_code" text,
	"enrolled_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_enrolment_status_ck" CHECK ("training_enrolment"."status" in ('enrolled','completed','dropped','failed')),
	CONSTRAINT "training_enrolment_score_ck" CHECK ("training_enrolment"."score" is null or "training_enrolment"."score" between 0 and 100),
	CONSTRAINT "training_enrolment_completed_ck" CHECK (("training_enrolment"."status" = 'completed') = ("training_enrolment"."completed_on" is not null and "training_enrolment"."certificate_code" is not null))
);
--> statement-breakpoint
CREATE TABLE "training_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cohort_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"hours" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_session_hours_ck" CHECK ("training_session"."hours" between 1 and 24)
);
--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"session_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attendance_session_id_enrolment_id_pk" PRIMARY KEY("session_id","enrolment_id")
);
--> statement-breakpoint
ALTER TABLE "training_cohort" ADD CONSTRAINT "training_cohort_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_cohort" ADD CONSTRAINT "training_cohort_course_code_course_code_fk" FOREIGN KEY ("course_code") REFERENCES "public"."course"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolment" ADD CONSTRAINT "training_enrolment_cohort_id_training_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."training_cohort"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolment" ADD CONSTRAINT "training_enrolment_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolment" ADD CONSTRAINT "training_enrolment_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrolment" ADD CONSTRAINT "training_enrolment_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_cohort_id_training_cohort_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."training_cohort"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_enrolment_id_training_enrolment_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."training_enrolment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "training_cohort_unit_idx" ON "training_cohort" USING btree ("unit_id","starts_on");--> statement-breakpoint
CREATE INDEX "training_cohort_course_idx" ON "training_cohort" USING btree ("course_code");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolment_cohort_person_uq" ON "training_enrolment" USING btree ("cohort_id","person_id");--> statement-breakpoint
CREATE INDEX "training_enrolment_person_idx" ON "training_enrolment" USING btree ("person_id","completed_on");--> statement-breakpoint
CREATE INDEX "training_enrolment_completed_idx" ON "training_enrolment" USING btree ("unit_id","completed_on") WHERE "training_enrolment"."status" = 'completed';--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrolment_certificate_uq" ON "training_enrolment" USING btree ("certificate_code");--> statement-breakpoint
CREATE INDEX "training_session_cohort_idx" ON "training_session" USING btree ("cohort_id","held_on");--> statement-breakpoint
CREATE INDEX "training_attendance_enrolment_idx" ON "training_attendance" USING btree ("enrolment_id");--> statement-breakpoint
-- Every change audited: inserts set-based per statement, updates and deletes per row (as 0016).
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON course FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON course REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON training_cohort FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON training_cohort REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON training_enrolment FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON training_enrolment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON training_session FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON training_session REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON training_attendance FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_insert AFTER INSERT ON training_attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows();
--> statement-breakpoint
-- The catalogue is reference data: everyone reads it; only headquarters (scope all) changes it.
ALTER TABLE course ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY course_read ON course FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY course_write ON course FOR ALL
  USING ((SELECT current_setting('atensi.scope', true)) = 'all')
  WITH CHECK ((SELECT current_setting('atensi.scope', true)) = 'all');
--> statement-breakpoint
-- Cohorts and everything in them belong to the unit that runs them; headquarters sees all.
ALTER TABLE training_cohort ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY training_cohort_scope ON training_cohort
  USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE training_enrolment ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY training_enrolment_scope ON training_enrolment
  USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE training_session ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY training_session_scope ON training_session
  USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE training_attendance ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY training_attendance_scope ON training_attendance
  USING ((SELECT current_setting('atensi.scope', true)) = 'all' OR unit_id = (SELECT NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
-- Public certificate check: for a code, only what proves the certificate (course, the holder's initials,
-- completion date, unit). Definer so an anonymous caller needs no access to the tables; schema-qualified
-- names and no SET clause (see 0019).
CREATE OR REPLACE FUNCTION atensi_verify_training_certificate(p_code text)
RETURNS TABLE (course_name_id text, course_name_en text, hours integer, holder_initials text,
               completed_on date, unit_name text)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT c.name_id, c.name_en, c.hours,
         (SELECT string_agg(upper(left(w, 1)) || '.', '' ORDER BY n)
            FROM unnest(regexp_split_to_array(btrim(p.full_name), '\s+')) WITH ORDINALITY AS x(w, n)
           WHERE w <> ''),
         e.completed_on, u.name
  FROM public.training_enrolment e
  JOIN public.training_cohort k ON k.id = e.cohort_id
  JOIN public.course c ON c.code = k.course_code
  JOIN public.person p ON p.id = e.person_id
  JOIN public.unit u ON u.id = k.unit_id
  WHERE e.certificate_code = p_code AND e.status = 'completed'
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_verify_training_certificate(text) RESET ALL;
