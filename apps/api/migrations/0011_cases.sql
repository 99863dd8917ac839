CREATE TABLE "assessment_form" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"form_version" integer NOT NULL,
	"title" text NOT NULL,
	"structure" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"needs" text,
	"strengths" text,
	"risk_level" text NOT NULL,
	"functioning_score" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"assessed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_assessment_risk_ck" CHECK ("case_assessment"."risk_level" in ('low','medium','high','critical')),
	CONSTRAINT "case_assessment_score_ck" CHECK ("case_assessment"."functioning_score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "case_note" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"body" text NOT NULL,
	"is_confidential" boolean DEFAULT false NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"plan_no" integer NOT NULL,
	"goals" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"review_due" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_plan_status_ck" CHECK ("case_plan"."status" in ('draft','approved','superseded'))
);
--> statement-breakpoint
CREATE TABLE "case_plan_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"service_code" text NOT NULL,
	"description" text NOT NULL,
	"frequency" text,
	"responsible" text,
	"planned_quantity" integer DEFAULT 1 NOT NULL,
	"budget_rupiah" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_plan_item_budget_ck" CHECK ("case_plan_item"."budget_rupiah" >= 0 and "case_plan_item"."planned_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "case_record" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_no" text NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"cluster_code" text NOT NULL,
	"stage" text DEFAULT 'intake' NOT NULL,
	"approaches" text[] NOT NULL,
	"intake_source" text NOT NULL,
	"intake_date" date NOT NULL,
	"intake_notes" text,
	"worker_id" uuid,
	"residential_approved_by" uuid,
	"admitted_at" date,
	"discharged_at" date,
	"termination_reason" text,
	"terminated_at" date,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"from_referral_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_stage_ck" CHECK ("case_record"."stage" in ('intake','approach','assessment','plan','intervention','evaluation','termination','aftercare','closed')),
	CONSTRAINT "case_approaches_ck" CHECK (cardinality("case_record"."approaches") > 0 and "case_record"."approaches" <@ array['residential','family','community']),
	CONSTRAINT "case_intake_source_ck" CHECK ("case_record"."intake_source" in ('walk_in','outreach','referral','report','court','hospital')),
	CONSTRAINT "case_termination_ck" CHECK ("case_record"."termination_reason" is null or "case_record"."termination_reason" in ('mandiri','returned_to_family','referred','moved','dropped_out','died','other'))
);
--> statement-breakpoint
CREATE TABLE "case_service" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"plan_item_id" uuid,
	"service_code" text NOT NULL,
	"delivered_on" date NOT NULL,
	"worker_id" uuid,
	"quantity" integer DEFAULT 1 NOT NULL,
	"cost_rupiah" bigint DEFAULT 0 NOT NULL,
	"notes" text,
	"reverses_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_service_amount_ck" CHECK ("case_service"."cost_rupiah" >= 0 or "case_service"."reverses_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "case_stage_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"by_user_id" uuid,
	"is_override" boolean DEFAULT false NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"assignee_id" uuid,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_task_kind_ck" CHECK ("case_task"."kind" in ('plan_review','aftercare_visit','document','survey','referral','other'))
);
--> statement-breakpoint
CREATE TABLE "referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"from_unit_id" uuid NOT NULL,
	"to_unit_id" uuid,
	"to_programme_code" text,
	"services_requested" text[] NOT NULL,
	"reason" text NOT NULL,
	"summary" text NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decline_reason" text,
	"receiving_case_id" uuid,
	"outcome" text,
	"completed_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_target_ck" CHECK (("referral"."to_unit_id" is null) <> ("referral"."to_programme_code" is null)),
	CONSTRAINT "referral_status_ck" CHECK ("referral"."status" in ('sent','accepted','declined','completed','cancelled')),
	CONSTRAINT "referral_outcome_ck" CHECK ("referral"."outcome" is null or "referral"."outcome" in ('enrolled','rejected','pending'))
);
--> statement-breakpoint
ALTER TABLE "case_assessment" ADD CONSTRAINT "case_assessment_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assessment" ADD CONSTRAINT "case_assessment_form_id_assessment_form_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."assessment_form"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_note" ADD CONSTRAINT "case_note_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan" ADD CONSTRAINT "case_plan_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan_item" ADD CONSTRAINT "case_plan_item_plan_id_case_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."case_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan_item" ADD CONSTRAINT "case_plan_item_service_code_service_component_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."service_component"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_cluster_code_cluster_code_fk" FOREIGN KEY ("cluster_code") REFERENCES "public"."cluster"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_worker_id_app_user_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_residential_approved_by_app_user_id_fk" FOREIGN KEY ("residential_approved_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_service" ADD CONSTRAINT "case_service_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_service" ADD CONSTRAINT "case_service_plan_item_id_case_plan_item_id_fk" FOREIGN KEY ("plan_item_id") REFERENCES "public"."case_plan_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_service" ADD CONSTRAINT "case_service_service_code_service_component_code_fk" FOREIGN KEY ("service_code") REFERENCES "public"."service_component"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stage_event" ADD CONSTRAINT "case_stage_event_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_task" ADD CONSTRAINT "case_task_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_task" ADD CONSTRAINT "case_task_assignee_id_app_user_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_from_unit_id_unit_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_to_unit_id_unit_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_to_programme_code_programme_code_fk" FOREIGN KEY ("to_programme_code") REFERENCES "public"."programme"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_form_code_version_uq" ON "assessment_form" USING btree ("code","form_version");--> statement-breakpoint
CREATE INDEX "case_assessment_case_idx" ON "case_assessment" USING btree ("case_id","assessed_on");--> statement-breakpoint
CREATE INDEX "case_note_case_idx" ON "case_note" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_plan_no_uq" ON "case_plan" USING btree ("case_id","plan_no");--> statement-breakpoint
CREATE INDEX "case_plan_item_plan_idx" ON "case_plan_item" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_no_uq" ON "case_record" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "case_person_idx" ON "case_record" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "case_unit_stage_idx" ON "case_record" USING btree ("unit_id","stage");--> statement-breakpoint
CREATE INDEX "case_worker_idx" ON "case_record" USING btree ("worker_id","stage");--> statement-breakpoint
CREATE INDEX "case_residential_idx" ON "case_record" USING btree ("unit_id","cluster_code") WHERE "case_record"."admitted_at" is not null and "case_record"."discharged_at" is null;--> statement-breakpoint
CREATE INDEX "case_service_case_idx" ON "case_service" USING btree ("case_id","delivered_on");--> statement-breakpoint
CREATE INDEX "case_stage_event_case_idx" ON "case_stage_event" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_task_case_idx" ON "case_task" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_task_open_idx" ON "case_task" USING btree ("assignee_id","due_on") WHERE "case_task"."done_at" is null;--> statement-breakpoint
CREATE INDEX "referral_to_unit_idx" ON "referral" USING btree ("to_unit_id","status");--> statement-breakpoint
CREATE INDEX "referral_from_unit_idx" ON "referral" USING btree ("from_unit_id","status");--> statement-breakpoint
CREATE INDEX "referral_case_idx" ON "referral" USING btree ("case_id");