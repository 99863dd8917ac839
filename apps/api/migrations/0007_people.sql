CREATE TABLE "person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nik" text,
	"no_nik_reason" text,
	"kk_no" text,
	"full_name" text NOT NULL,
	"name_norm" text NOT NULL,
	"search_names" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date,
	"birth_date_estimated" boolean DEFAULT false NOT NULL,
	"birth_place" text,
	"mother_name" text,
	"mother_name_norm" text,
	"religion" text,
	"marital_status" text,
	"nationality" text DEFAULT 'WNI' NOT NULL,
	"area_code" text,
	"street" text,
	"rt" text,
	"rw" text,
	"current_location_kind" text,
	"current_location" text,
	"disability_type" text,
	"disability_level" text,
	"registered_unit_id" uuid NOT NULL,
	"merged_into_id" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_sex_ck" CHECK ("person"."sex" in ('L','P')),
	CONSTRAINT "person_nik_ck" CHECK ("person"."nik" is null or "person"."nik" ~ '^[0-9]{16}$'),
	CONSTRAINT "person_kk_ck" CHECK ("person"."kk_no" is null or "person"."kk_no" ~ '^[0-9]{16}$'),
	CONSTRAINT "person_nationality_ck" CHECK ("person"."nationality" in ('WNI','WNA'))
);
--> statement-breakpoint
CREATE TABLE "person_alias" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_cluster" (
	"person_id" uuid NOT NULL,
	"cluster_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_cluster_person_id_cluster_code_pk" PRIMARY KEY("person_id","cluster_code")
);
--> statement-breakpoint
CREATE TABLE "person_consent" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"given_by" text NOT NULL,
	"guardian_relation_id" uuid,
	"guardian_name" text,
	"purposes" text[] NOT NULL,
	"method" text NOT NULL,
	"witness_name" text,
	"document_id" uuid,
	"given_at" date NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"recorded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_consent_by_ck" CHECK ("person_consent"."given_by" in ('self','guardian')),
	CONSTRAINT "person_consent_method_ck" CHECK ("person_consent"."method" in ('signed_form','verbal_witnessed'))
);
--> statement-breakpoint
CREATE TABLE "person_distinct" (
	"person_a" uuid NOT NULL,
	"person_b" uuid NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_distinct_person_a_person_b_pk" PRIMARY KEY("person_a","person_b"),
	CONSTRAINT "person_distinct_order_ck" CHECK ("person_distinct"."person_a" < "person_distinct"."person_b")
);
--> statement-breakpoint
CREATE TABLE "person_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_kk" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kk_no" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_merge" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"merged_by" uuid,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_phone" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"owner" text NOT NULL,
	"relationship" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_phone_owner_ck" CHECK ("person_phone"."owner" in ('self','guardian','family','other'))
);
--> statement-breakpoint
CREATE TABLE "person_ppks" (
	"person_id" uuid NOT NULL,
	"ppks_no" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_ppks_person_id_ppks_no_pk" PRIMARY KEY("person_id","ppks_no")
);
--> statement-breakpoint
CREATE TABLE "person_relation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"related_person_id" uuid,
	"name" text,
	"relationship" text NOT NULL,
	"is_guardian" boolean DEFAULT false NOT NULL,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_relation_who_ck" CHECK ("person_relation"."related_person_id" is not null or "person_relation"."name" is not null)
);
--> statement-breakpoint
CREATE TABLE "person_sensitive" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"health_notes" text,
	"drug_use" text,
	"hiv_status" text,
	"criminal_record" text,
	"trafficking_details" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_unit" (
	"person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_unit_person_id_unit_id_reason_pk" PRIMARY KEY("person_id","unit_id","reason"),
	CONSTRAINT "person_unit_reason_ck" CHECK ("person_unit"."reason" in ('registered','serves','referred'))
);
--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_area_code_area_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."area"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_registered_unit_id_unit_id_fk" FOREIGN KEY ("registered_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_alias" ADD CONSTRAINT "person_alias_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_cluster" ADD CONSTRAINT "person_cluster_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_cluster" ADD CONSTRAINT "person_cluster_cluster_code_cluster_code_fk" FOREIGN KEY ("cluster_code") REFERENCES "public"."cluster"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_consent" ADD CONSTRAINT "person_consent_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_consent" ADD CONSTRAINT "person_consent_guardian_relation_id_person_relation_id_fk" FOREIGN KEY ("guardian_relation_id") REFERENCES "public"."person_relation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_distinct" ADD CONSTRAINT "person_distinct_person_a_person_id_fk" FOREIGN KEY ("person_a") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_distinct" ADD CONSTRAINT "person_distinct_person_b_person_id_fk" FOREIGN KEY ("person_b") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_document" ADD CONSTRAINT "person_document_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_kk" ADD CONSTRAINT "person_kk_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merge" ADD CONSTRAINT "person_merge_survivor_id_person_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merge" ADD CONSTRAINT "person_merge_merged_id_person_id_fk" FOREIGN KEY ("merged_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_phone" ADD CONSTRAINT "person_phone_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_ppks" ADD CONSTRAINT "person_ppks_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_ppks" ADD CONSTRAINT "person_ppks_ppks_no_ppks_category_no_fk" FOREIGN KEY ("ppks_no") REFERENCES "public"."ppks_category"("no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_relation" ADD CONSTRAINT "person_relation_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_relation" ADD CONSTRAINT "person_relation_related_person_id_person_id_fk" FOREIGN KEY ("related_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_sensitive" ADD CONSTRAINT "person_sensitive_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_unit" ADD CONSTRAINT "person_unit_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_unit" ADD CONSTRAINT "person_unit_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "person_nik_uq" ON "person" USING btree ("nik") WHERE "person"."nik" is not null and "person"."merged_into_id" is null;--> statement-breakpoint
CREATE INDEX "person_kk_idx" ON "person" USING btree ("kk_no");--> statement-breakpoint
CREATE INDEX "person_search_trgm_idx" ON "person" USING gin ("search_names" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_name_id_idx" ON "person" USING btree ("name_norm" collate "C","id");--> statement-breakpoint
CREATE INDEX "person_unit_idx" ON "person" USING btree ("registered_unit_id");--> statement-breakpoint
CREATE INDEX "person_area_idx" ON "person" USING btree ("area_code");--> statement-breakpoint
CREATE INDEX "person_birth_idx" ON "person" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "person_alias_person_idx" ON "person_alias" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_cluster_code_idx" ON "person_cluster" USING btree ("cluster_code");--> statement-breakpoint
CREATE INDEX "person_consent_person_idx" ON "person_consent" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_document_person_idx" ON "person_document" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_kk_person_idx" ON "person_kk" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_kk_no_idx" ON "person_kk" USING btree ("kk_no");--> statement-breakpoint
CREATE INDEX "person_merge_survivor_idx" ON "person_merge" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "person_merge_merged_idx" ON "person_merge" USING btree ("merged_id");--> statement-breakpoint
CREATE INDEX "person_phone_person_idx" ON "person_phone" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_ppks_no_idx" ON "person_ppks" USING btree ("ppks_no");--> statement-breakpoint
CREATE INDEX "person_relation_person_idx" ON "person_relation" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_relation_related_idx" ON "person_relation" USING btree ("related_person_id");--> statement-breakpoint
CREATE INDEX "person_unit_unit_idx" ON "person_unit" USING btree ("unit_id","person_id");