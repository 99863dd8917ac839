-- Audit by construction: every change to an audited table writes one audit_event row in the same
-- transaction, with the actor read from transaction-local settings (atensi.*) set by the request.
-- Trigger arguments name columns whose values must never be copied (secrets): they show as redacted.
CREATE OR REPLACE FUNCTION atensi_audit_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_j jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) ELSE '{}'::jsonb END;
  new_j jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) ELSE '{}'::jsonb END;
  secrets text[] := COALESCE(TG_ARGV::text[], ARRAY[]::text[]);
  diff jsonb := '{}'::jsonb;
  k text;
  ent_id text;
BEGIN
  FOR k IN SELECT jsonb_object_keys(old_j || new_j) LOOP
    CONTINUE WHEN k IN ('updated_at', 'created_at');
    IF (old_j -> k) IS DISTINCT FROM (new_j -> k) THEN
      IF k = ANY (secrets) THEN
        diff := diff || jsonb_build_object(k, jsonb_build_object(
          'before', CASE WHEN old_j ? k THEN to_jsonb('[disembunyikan]'::text) ELSE 'null'::jsonb END,
          'after', CASE WHEN new_j ? k THEN to_jsonb('[disembunyikan]'::text) ELSE 'null'::jsonb END));
      ELSE
        diff := diff || jsonb_build_object(k, jsonb_build_object(
          'before', COALESCE(old_j -> k, 'null'::jsonb),
          'after', COALESCE(new_j -> k, 'null'::jsonb)));
      END IF;
    END IF;
  END LOOP;
  IF TG_OP = 'UPDATE' AND diff = '{}'::jsonb THEN
    RETURN NULL;
  END IF;
  -- The record's key; rows keyed by their unit (coverage, matrix) are filed under the unit.
  ent_id := COALESCE(new_j ->> 'id', old_j ->> 'id', new_j ->> 'code', old_j ->> 'code',
                     new_j ->> 'no', old_j ->> 'no', new_j ->> 'unit_id', old_j ->> 'unit_id');
  INSERT INTO audit_event (actor_user_id, actor_username, actor_role, actor_unit_id, action, entity,
                           entity_id, ip, request_id, changes)
  VALUES (NULLIF(current_setting('atensi.user_id', true), '')::uuid,
          NULLIF(current_setting('atensi.username', true), ''),
          NULLIF(current_setting('atensi.role', true), ''),
          NULLIF(current_setting('atensi.unit_id', true), '')::uuid,
          lower(TG_OP), TG_TABLE_NAME, ent_id,
          NULLIF(current_setting('atensi.ip', true), '')::inet,
          NULLIF(current_setting('atensi.request_id', true), ''),
          diff);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The audit log is append-only: no update, delete or truncate, whoever asks.
CREATE OR REPLACE FUNCTION atensi_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON app_user
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row('password_hash');
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON unit
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON cluster
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON ppks_category
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON service_component
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON programme
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
