import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';

/** What route plugins are given: passed explicitly, never looked up on the app instance. */
export type AppDeps = { database: Database; config: Config; version: string };
