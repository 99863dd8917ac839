-- The SECURITY DEFINER functions without a SET search_path clause: every name in them is schema-qualified
-- instead (so nothing can be substituted through the search path), and the function needs no GUC save and
-- restore on each call. The embedded database (PGlite) was seen to corrupt its error state after calls
-- to these functions inside a transaction that had switched role; same results otherwise.
CREATE OR REPLACE FUNCTION atensi_person_by_nik(p_nik text)
RETURNS TABLE (person_id uuid, unit_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT p.id, p.registered_unit_id FROM public.person p
  WHERE p.nik = p_nik AND p.merged_into_id IS NULL
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_person_by_nik(text) RESET ALL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atensi_person_candidates(p_name text, p_birth date, p_mother text, p_area text, p_exclude uuid)
RETURNS TABLE (person_id uuid, unit_id uuid, name_sim real, mother_sim real, birth_diff_days integer,
               same_regency boolean)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT p.id, p.registered_unit_id,
         public.similarity(p.search_names, p_name),
         CASE WHEN p_mother IS NULL OR p.mother_name_norm IS NULL THEN NULL
              ELSE public.similarity(p.mother_name_norm, p_mother) END,
         CASE WHEN p_birth IS NULL OR p.birth_date IS NULL THEN NULL ELSE abs(p.birth_date - p_birth) END,
         CASE WHEN p_area IS NULL OR p.area_code IS NULL THEN NULL
              ELSE (SELECT a.regency_code FROM public.area a WHERE a.code = p.area_code)
                   IS NOT DISTINCT FROM (SELECT b.regency_code FROM public.area b WHERE b.code = p_area) END
  FROM public.person p
  WHERE p.merged_into_id IS NULL AND p.id IS DISTINCT FROM p_exclude
    AND p.search_names OPERATOR(public.%) p_name
  ORDER BY public.similarity(p.search_names, p_name) DESC, p.id
  LIMIT 25
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_person_candidates(text, date, text, text, uuid) RESET ALL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atensi_residential_occupancy()
RETURNS TABLE (unit_id uuid, cluster_code text, occupied integer)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT c.unit_id, c.cluster_code, count(*)::integer FROM public.case_record c
  WHERE c.admitted_at IS NOT NULL AND c.discharged_at IS NULL
  GROUP BY c.unit_id, c.cluster_code
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_residential_occupancy() RESET ALL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION atensi_referral_cluster(p_referral uuid)
RETURNS TABLE (cluster_code text)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT c.cluster_code FROM public.referral r JOIN public.case_record c ON c.id = r.case_id
  WHERE r.id = p_referral
    AND (r.to_unit_id = NULLIF(pg_catalog.current_setting('atensi.unit_id', true), '')::uuid
         OR pg_catalog.current_setting('atensi.scope', true) = 'all')
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_referral_cluster(uuid) RESET ALL;
