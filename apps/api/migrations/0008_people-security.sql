-- People: audit every change, and enforce the unit scope a second time in the database itself.
-- Requests run as the non-superuser role atensi_app (SET LOCAL ROLE in each request's transaction) with
-- the actor's scope and unit in transaction-local settings; the policies below read them. Seeding and
-- the CLI run as the owner, which row-level security does not restrict.
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
  -- The record's key; rows keyed by their person or unit (links, matrix) are filed under it.
  ent_id := COALESCE(new_j ->> 'id', old_j ->> 'id', new_j ->> 'code', old_j ->> 'code',
                     new_j ->> 'no', old_j ->> 'no', new_j ->> 'person_id', old_j ->> 'person_id',
                     new_j ->> 'unit_id', old_j ->> 'unit_id');
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
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_alias
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_kk
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_phone
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_relation
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_cluster
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_ppks
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_unit
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_consent
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_document
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_merge
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_distinct
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row();
--> statement-breakpoint
-- Specific (sensitive) data never reaches the audit log in clear: which fields changed, not to what.
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON person_sensitive
  FOR EACH ROW EXECUTE FUNCTION atensi_audit_row('health_notes', 'drug_use', 'hiv_status', 'criminal_record', 'trafficking_details');
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atensi_app') THEN
    CREATE ROLE atensi_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT atensi_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO atensi_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO atensi_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO atensi_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO atensi_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO atensi_app;
--> statement-breakpoint
-- A person is visible to headquarters (scope all), to the unit that registered them, and to units linked
-- to them (serving them, or referred to). person_unit's own policy does not read person: no recursion.
ALTER TABLE person_unit ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_unit_scope ON person_unit
  USING (current_setting('atensi.scope', true) = 'all' OR unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE person ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_scope ON person
  USING (current_setting('atensi.scope', true) = 'all' OR registered_unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid
         OR id IN (SELECT pu.person_id FROM person_unit pu WHERE pu.unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid))
  WITH CHECK (current_setting('atensi.scope', true) = 'all' OR registered_unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid
         OR id IN (SELECT pu.person_id FROM person_unit pu WHERE pu.unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE person_alias ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_alias_scope ON person_alias
  USING (person_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_kk ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_kk_scope ON person_kk
  USING (person_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_phone ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_phone_scope ON person_phone
  USING (person_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_relation ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_relation_scope ON person_relation
  USING (person_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_cluster ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_cluster_scope ON person_cluster
  USING (person_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_ppks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_ppks_scope ON person_ppks
  USING (person_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_consent ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_consent_scope ON person_consent
  USING (person_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_document ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_document_scope ON person_document
  USING (person_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_sensitive ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Specific data: only the unit head and social workers of a unit that may see the person.
CREATE POLICY person_sensitive_scope ON person_sensitive
  USING (current_setting('atensi.role', true) IN ('kepala_upt', 'pekerja_sosial')
         AND person_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_merge ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_merge_scope ON person_merge
  USING (survivor_id IN (SELECT p.id FROM person p) AND merged_id IN (SELECT p.id FROM person p));
--> statement-breakpoint
ALTER TABLE person_distinct ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY person_distinct_scope ON person_distinct
  USING (person_a IN (SELECT p.id FROM person p) AND person_b IN (SELECT p.id FROM person p));
--> statement-breakpoint
-- Duplicate checks must see the whole registry, yet reveal little: these run as the owner (past row-level
-- security) and return only keys, the registering unit and how similar a record is. The service shows
-- details only for records the caller may see, and for others only that one exists and whom to contact.
CREATE FUNCTION atensi_person_by_nik(p_nik text)
RETURNS TABLE (person_id uuid, unit_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p.id, p.registered_unit_id FROM person p
  WHERE p.nik = p_nik AND p.merged_into_id IS NULL
$$;
--> statement-breakpoint
CREATE FUNCTION atensi_person_candidates(p_name text, p_birth date, p_mother text, p_area text, p_exclude uuid)
RETURNS TABLE (person_id uuid, unit_id uuid, name_sim real, mother_sim real, birth_diff_days integer,
               same_regency boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p.id, p.registered_unit_id,
         similarity(p.search_names, p_name),
         CASE WHEN p_mother IS NULL OR p.mother_name_norm IS NULL THEN NULL
              ELSE similarity(p.mother_name_norm, p_mother) END,
         CASE WHEN p_birth IS NULL OR p.birth_date IS NULL THEN NULL ELSE abs(p.birth_date - p_birth) END,
         CASE WHEN p_area IS NULL OR p.area_code IS NULL THEN NULL
              ELSE (SELECT a.regency_code FROM area a WHERE a.code = p.area_code)
                   IS NOT DISTINCT FROM (SELECT b.regency_code FROM area b WHERE b.code = p_area) END
  FROM person p
  WHERE p.merged_into_id IS NULL AND p.id IS DISTINCT FROM p_exclude AND p.search_names % p_name
  ORDER BY similarity(p.search_names, p_name) DESC, p.id
  LIMIT 25
$$;
