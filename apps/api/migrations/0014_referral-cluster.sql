-- The receiving unit opens its own case in the cluster of the sending case, which it may not read:
-- this returns only that cluster code, and only to the unit the referral is addressed to.
CREATE FUNCTION atensi_referral_cluster(p_referral uuid)
RETURNS TABLE (cluster_code text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.cluster_code FROM referral r JOIN case_record c ON c.id = r.case_id
  WHERE r.id = p_referral
    AND (r.to_unit_id = NULLIF(current_setting('atensi.unit_id', true), '')::uuid
         OR current_setting('atensi.scope', true) = 'all')
$$;
