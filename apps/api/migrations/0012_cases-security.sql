-- Cases: every change audited; a unit sees its own cases; the other unit of a referral sees the referral
-- (and, once it accepts, the person through person_unit), never the sending unit's case.
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON case_record
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON case_stage_event
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON assessment_form
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON case_assessment
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON case_plan
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON case_plan_item
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON case_service
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON case_note
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON case_task
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON referral
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
ALTER TABLE case_record ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_record_scope ON case_record
  USING (current_setting('atensi.scope', true) = 'all' OR unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE case_stage_event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_stage_event_scope ON case_stage_event
  USING (case_id IN (SELECT c.id FROM case_record c));
--> statement-breakpoint
ALTER TABLE case_assessment ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_assessment_scope ON case_assessment
  USING (case_id IN (SELECT c.id FROM case_record c));
--> statement-breakpoint
ALTER TABLE case_plan ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_plan_scope ON case_plan
  USING (case_id IN (SELECT c.id FROM case_record c));
--> statement-breakpoint
ALTER TABLE case_service ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_service_scope ON case_service
  USING (case_id IN (SELECT c.id FROM case_record c));
--> statement-breakpoint
ALTER TABLE case_task ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_task_scope ON case_task
  USING (case_id IN (SELECT c.id FROM case_record c));
--> statement-breakpoint
ALTER TABLE case_plan_item ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_plan_item_scope ON case_plan_item
  USING (plan_id IN (SELECT p.id FROM case_plan p));
--> statement-breakpoint
ALTER TABLE case_note ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Confidential notes: the case team only (the author, the assigned worker, the unit head).
CREATE POLICY case_note_scope ON case_note
  USING (case_id IN (SELECT c.id FROM case_record c)
         AND (NOT is_confidential
              OR author_id = NULLIF(current_setting('atensi.user_id', true), '')::uuid
              OR current_setting('atensi.role', true) = 'kepala_upt'
              OR case_id IN (SELECT c.id FROM case_record c WHERE c.worker_id = NULLIF(current_setting('atensi.user_id', true), '')::uuid)));
--> statement-breakpoint
ALTER TABLE referral ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY referral_scope ON referral
  USING (current_setting('atensi.scope', true) = 'all' OR from_unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid OR to_unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid);
--> statement-breakpoint
-- Bed occupancy is not personal data, and the nearest-unit ranking needs every unit's: counted past RLS.
CREATE FUNCTION atensi_residential_occupancy()
RETURNS TABLE (unit_id uuid, cluster_code text, occupied integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.unit_id, c.cluster_code, count(*)::integer FROM case_record c
  WHERE c.admitted_at IS NOT NULL AND c.discharged_at IS NULL
  GROUP BY c.unit_id, c.cluster_code
$$;
