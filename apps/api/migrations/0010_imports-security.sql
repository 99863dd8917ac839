-- Imports: mappings and jobs are audited (people created by a job are audited row by row by their own
-- trigger); row outcomes are bookkeeping. A unit sees its own imports; headquarters sees all.
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON import_mapping
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON import_job
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
ALTER TABLE import_mapping ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY import_mapping_scope ON import_mapping
  USING (current_setting('atensi.scope', true) = 'all'
         OR unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE import_job ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY import_job_scope ON import_job
  USING (current_setting('atensi.scope', true) = 'all'
         OR unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE import_row ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY import_row_scope ON import_row
  USING (job_id IN (SELECT j.id FROM import_job j));
