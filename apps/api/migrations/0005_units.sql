CREATE TABLE "unit_coverage" (
	"unit_id" uuid NOT NULL,
	"area_code" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_coverage_unit_id_area_code_pk" PRIMARY KEY("unit_id","area_code")
);
--> statement-breakpoint
CREATE TABLE "unit_facility" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_facility_kind_ck" CHECK ("unit_facility"."kind" in ('outlet','warehouse'))
);
--> statement-breakpoint
CREATE TABLE "unit_service" (
	"unit_id" uuid NOT NULL,
	"cluster_code" text NOT NULL,
	"is_residential" boolean DEFAULT false NOT NULL,
	"is_family" boolean DEFAULT false NOT NULL,
	"is_community" boolean DEFAULT false NOT NULL,
	"residential_capacity" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_service_unit_id_cluster_code_pk" PRIMARY KEY("unit_id","cluster_code"),
	CONSTRAINT "unit_service_capacity_ck" CHECK ("unit_service"."residential_capacity" >= 0),
	CONSTRAINT "unit_service_mode_ck" CHECK ("unit_service"."is_residential" or "unit_service"."is_family" or "unit_service"."is_community")
);
--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "area_code" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "head_name" text;--> statement-breakpoint
ALTER TABLE "unit" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "unit_coverage" ADD CONSTRAINT "unit_coverage_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_coverage" ADD CONSTRAINT "unit_coverage_area_code_area_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."area"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_facility" ADD CONSTRAINT "unit_facility_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_service" ADD CONSTRAINT "unit_service_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_service" ADD CONSTRAINT "unit_service_cluster_code_cluster_code_fk" FOREIGN KEY ("cluster_code") REFERENCES "public"."cluster"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_coverage_area_idx" ON "unit_coverage" USING btree ("area_code");--> statement-breakpoint
CREATE INDEX "unit_facility_unit_idx" ON "unit_facility" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "unit_service_cluster_idx" ON "unit_service" USING btree ("cluster_code");--> statement-breakpoint
ALTER TABLE "unit" ADD CONSTRAINT "unit_area_code_area_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."area"("code") ON DELETE no action ON UPDATE no action;