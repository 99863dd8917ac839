-- Units' coverage, matrix and facilities are edited by admins and heads of unit: audit every change.
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON unit_coverage
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON unit_service
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON unit_facility
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
