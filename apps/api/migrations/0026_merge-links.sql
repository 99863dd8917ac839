-- A merge carries every unit's link to the person, not only the merging unit's. Under row-level security a
-- head of unit reads and writes only their own unit's person_unit rows (person_unit_scope is also the WITH
-- CHECK), so a unit that served, was referred or registered the merged record lost sight of the person once
-- the merge moved everything to the survivor. These two definers copy and, on undo, remove exactly the merged
-- record's links; each refuses any call that is not part of a merge (or its undo) the caller may do.
-- Names are schema-qualified and there is no SET clause (see 0019). The audit trigger on person_unit still
-- files each row under the request's actor, read from the same settings.
CREATE OR REPLACE FUNCTION atensi_merge_copy_units(p_survivor uuid, p_merged uuid)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  v_unit uuid := NULLIF(pg_catalog.current_setting('atensi.unit_id', true), '')::uuid;
  v_registered uuid;
  v_out jsonb;
BEGIN
  -- Being merged by the calling transaction: the merged record already points at the survivor, and the
  -- merge is not yet recorded (person_merge is written last, in the same transaction).
  SELECT s.registered_unit_id INTO v_registered FROM public.person s
   WHERE s.id = p_survivor AND s.merged_into_id IS NULL;
  IF NOT FOUND
     OR NOT EXISTS (SELECT 1 FROM public.person m WHERE m.id = p_merged AND m.merged_into_id = p_survivor)
     OR EXISTS (SELECT 1 FROM public.person_merge pm
                 WHERE pm.survivor_id = p_survivor AND pm.merged_id = p_merged AND pm.undone_at IS NULL) THEN
    RAISE EXCEPTION 'person % is not being merged into %', p_merged, p_survivor USING ERRCODE = '42501';
  END IF;
  -- The caller may see both records (the test of person_scope), or is headquarters.
  IF pg_catalog.current_setting('atensi.scope', true) IS DISTINCT FROM 'all' AND (
       NOT EXISTS (SELECT 1 FROM public.person p WHERE p.id = p_survivor AND (p.registered_unit_id = v_unit
                     OR EXISTS (SELECT 1 FROM public.person_unit pu WHERE pu.person_id = p.id AND pu.unit_id = v_unit)))
    OR NOT EXISTS (SELECT 1 FROM public.person p WHERE p.id = p_merged AND (p.registered_unit_id = v_unit
                     OR EXISTS (SELECT 1 FROM public.person_unit pu WHERE pu.person_id = p.id AND pu.unit_id = v_unit)))) THEN
    RAISE EXCEPTION 'merge of % into % is outside the caller''s unit', p_merged, p_survivor USING ERRCODE = '42501';
  END IF;
  -- Links are a set: the survivor gains what it lacks. Only the survivor's registering unit stays
  -- 'registered'; another unit that registered the duplicate now serves the person.
  WITH ins AS (
    INSERT INTO public.person_unit (person_id, unit_id, reason, since)
    SELECT DISTINCT p_survivor, l.unit_id,
           CASE WHEN l.reason = 'registered' AND l.unit_id IS DISTINCT FROM v_registered THEN 'serves'
                ELSE l.reason END,
           pg_catalog.now()
      FROM public.person_unit l
     WHERE l.person_id = p_merged
    ON CONFLICT DO NOTHING
    RETURNING unit_id, reason
  )
  SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('unitId', ins.unit_id, 'reason', ins.reason)
                                       ORDER BY ins.unit_id, ins.reason), '[]'::jsonb)
    INTO v_out FROM ins;
  RETURN v_out;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_merge_copy_units(uuid, uuid) RESET ALL;
--> statement-breakpoint
-- Undo removes the links the merge added (snapshot.copied.units of the merge record, never a list the caller
-- passes), while the merge is still in force and the caller may see both records. A unit that has opened a
-- case on the survivor since keeps its link: it still serves the person.
CREATE OR REPLACE FUNCTION atensi_merge_undo_units(p_merge uuid)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  v_unit uuid := NULLIF(pg_catalog.current_setting('atensi.unit_id', true), '')::uuid;
  v_survivor uuid;
  v_merged uuid;
  v_units jsonb;
  n integer;
BEGIN
  SELECT pm.survivor_id, pm.merged_id, pm.snapshot -> 'copied' -> 'units'
    INTO v_survivor, v_merged, v_units
    FROM public.person_merge pm WHERE pm.id = p_merge AND pm.undone_at IS NULL;
  IF NOT FOUND
     OR NOT EXISTS (SELECT 1 FROM public.person m WHERE m.id = v_merged AND m.merged_into_id = v_survivor) THEN
    RAISE EXCEPTION 'merge % is not in force', p_merge USING ERRCODE = '42501';
  END IF;
  IF pg_catalog.current_setting('atensi.scope', true) IS DISTINCT FROM 'all' AND (
       NOT EXISTS (SELECT 1 FROM public.person p WHERE p.id = v_survivor AND (p.registered_unit_id = v_unit
                     OR EXISTS (SELECT 1 FROM public.person_unit pu WHERE pu.person_id = p.id AND pu.unit_id = v_unit)))
    OR NOT EXISTS (SELECT 1 FROM public.person p WHERE p.id = v_merged AND (p.registered_unit_id = v_unit
                     OR EXISTS (SELECT 1 FROM public.person_unit pu WHERE pu.person_id = p.id AND pu.unit_id = v_unit)))) THEN
    RAISE EXCEPTION 'merge % is outside the caller''s unit', p_merge USING ERRCODE = '42501';
  END IF;
  DELETE FROM public.person_unit pu
   USING pg_catalog.jsonb_to_recordset(COALESCE(v_units, '[]'::jsonb)) AS c("unitId" uuid, reason text)
   WHERE pu.person_id = v_survivor AND pu.unit_id = c."unitId" AND pu.reason = c.reason
     AND NOT EXISTS (SELECT 1 FROM public.case_record cr WHERE cr.person_id = v_survivor AND cr.unit_id = pu.unit_id);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;
--> statement-breakpoint
ALTER FUNCTION atensi_merge_undo_units(uuid) RESET ALL;
