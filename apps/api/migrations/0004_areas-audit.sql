-- Areas are reference data editable by admin: every change is audited like any other.
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON area
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
