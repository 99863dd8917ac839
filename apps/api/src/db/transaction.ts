import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

/** Who is acting, as the database sees it; read by the audit trigger and by row-level security. */
export type DbActor = {
  userId: string | null;
  username: string | null;
  role: string | null;
  unitId: string | null;
  ip: string | null;
  requestId: string | null;
  /**
   * A request's scope (all: headquarters; unit; self). When set, the transaction runs as the
   * non-superuser role atensi_app, so row-level security applies; seeds and the CLI leave it unset.
   */
  scope?: 'all' | 'unit' | 'self';
};

export const SYSTEM_ACTOR: DbActor = {
  userId: null,
  username: 'system',
  role: null,
  unitId: null,
  ip: null,
  requestId: null,
};

/** Run `fn` in one transaction whose settings name the actor; all or nothing. */
export async function withActorTransaction<T>(
  db: Db,
  actor: DbActor,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('atensi.user_id', ${actor.userId ?? ''}, true),
      set_config('atensi.username', ${actor.username ?? ''}, true),
      set_config('atensi.role', ${actor.role ?? ''}, true),
      set_config('atensi.unit_id', ${actor.unitId ?? ''}, true),
      set_config('atensi.ip', ${actor.ip ?? ''}, true),
      set_config('atensi.request_id', ${actor.requestId ?? ''}, true),
      set_config('atensi.scope', ${actor.scope ?? ''}, true),
      -- Random reads cost little more than sequential ones on SSD or cached data (PostgreSQL's default of 4
      -- dates from spinning disks). Under row-level security the planner also underestimates how many rows
      -- pass the policy, and with 4 it chose to scan and sort a whole table over reading an index in order
      -- (1.2 s against 15 ms for a page of headquarters' list filtered by area, at 1,000,000 people).
      set_config('random_page_cost', '1.1', true)`);
    if (actor.scope) await tx.execute(sql`set local role atensi_app`);
    return fn(tx);
  });
}
