-- pg_trgm for fuzzy name search, pgcrypto for gen_random_uuid/digests. Both are trusted extensions (PG 13+).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pgcrypto;
