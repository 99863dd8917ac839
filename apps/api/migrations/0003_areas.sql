CREATE TABLE "area" (
	"code" text PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"official_name" text NOT NULL,
	"parent_code" text,
	"province_code" text NOT NULL,
	"regency_code" text,
	"district_code" text,
	"search_name" text NOT NULL,
	"capital_name" text,
	"lat" double precision,
	"lon" double precision,
	"source" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "area_level_ck" CHECK ("area"."level" in ('province','regency','district','village'))
);
--> statement-breakpoint
CREATE INDEX "area_parent_idx" ON "area" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "area_code_prefix_idx" ON "area" USING btree ("code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "area_search_trgm_idx" ON "area" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "area_level_search_idx" ON "area" USING btree ("level","search_name" collate "C","code");--> statement-breakpoint
CREATE INDEX "area_level_code_idx" ON "area" USING btree ("level","code" collate "C");