-- Faster audit of inserts: one statement-level trigger per INSERT writes one audit row per inserted row,
-- set-based (a bulk import of 500 people is one trigger call per table, not 500 plpgsql calls that each
-- rebuild a JSON diff key by key). Updates and deletes keep the row-level trigger (they need OLD and NEW
-- side by side). Same record as before: action insert, every column as { before: null, after: value },
-- secrets redacted, the actor from the transaction's settings.
CREATE OR REPLACE FUNCTION atensi_audit_insert_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  secrets text[] := COALESCE(TG_ARGV::text[], ARRAY[]::text[]);
BEGIN
  INSERT INTO audit_event (actor_user_id, actor_username, actor_role, actor_unit_id, action, entity,
                           entity_id, ip, request_id, changes)
  SELECT NULLIF(current_setting('atensi.user_id', true), '')::uuid,
         NULLIF(current_setting('atensi.username', true), ''),
         NULLIF(current_setting('atensi.role', true), ''),
         NULLIF(current_setting('atensi.unit_id', true), '')::uuid,
         'insert', TG_TABLE_NAME,
         COALESCE(x.j ->> 'id', x.j ->> 'code', x.j ->> 'no', x.j ->> 'person_id', x.j ->> 'unit_id'),
         NULLIF(current_setting('atensi.ip', true), '')::inet,
         NULLIF(current_setting('atensi.request_id', true), ''),
         (SELECT COALESCE(jsonb_object_agg(e.key, jsonb_build_object(
                    'before', 'null'::jsonb,
                    'after', CASE WHEN e.key = ANY (secrets) THEN to_jsonb('[disembunyikan]'::text) ELSE e.value END)),
                  '{}'::jsonb)
            FROM jsonb_each(x.j) e WHERE e.key NOT IN ('created_at', 'updated_at'))
  FROM (SELECT to_jsonb(n) AS j FROM new_rows n) x;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
  args text;
BEGIN
  FOR t IN
    SELECT c.relname AS tbl, tg.tgnargs, tg.tgargs
    FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE tg.tgname = 'audit_row' AND n.nspname = 'public'
  LOOP
    -- tgargs holds the arguments NUL-separated; quote each for the new CREATE TRIGGER.
    SELECT COALESCE(string_agg(quote_literal(a), ', '), '') INTO args
    FROM unnest(string_to_array(encode(t.tgargs, 'escape'), '\000')) a
    WHERE t.tgnargs > 0 AND a <> '';
    EXECUTE format('DROP TRIGGER audit_row ON %I', t.tbl);
    EXECUTE format('CREATE TRIGGER audit_row AFTER UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION atensi_audit_row(%s)', t.tbl, args);
    EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atensi_audit_insert_rows(%s)', t.tbl, args);
  END LOOP;
END;
$$;
