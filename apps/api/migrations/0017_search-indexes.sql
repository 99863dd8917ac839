-- Search speed under row-level security.
-- 1. pg_trgm's similarity operators are pure functions of their arguments: they reveal nothing about rows a
--    policy hides. Marked LEAKPROOF, the planner may use the trigram indexes beneath the policies instead of
--    scanning every row. Only a superuser may mark them; elsewhere this is skipped (searches stay correct,
--    only slower) and a database administrator can run these three statements.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION word_similarity_op(text, text) LEAKPROOF;
    ALTER FUNCTION word_similarity_commutator_op(text, text) LEAKPROOF;
    ALTER FUNCTION similarity_op(text, text) LEAKPROOF;
  ELSE
    RAISE NOTICE 'not a superuser: pg_trgm operators not marked LEAKPROOF (people search will be slower)';
  END IF;
END;
$$;
--> statement-breakpoint
-- 2. GIN indexes keep new entries in a pending list that every search reads until a vacuum merges it;
--    PGlite runs no autovacuum. Keep the people index's list small, and merge the areas' seeded backlog.
ALTER INDEX person_search_trgm_idx SET (gin_pending_list_limit = 128);
--> statement-breakpoint
SELECT gin_clean_pending_list('area_search_trgm_idx');
