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
      set_config('atensi.scope', ${actor.scope ?? ''}, true)`);
    if (actor.scope) await tx.execute(sql`set local role atensi_app`);
    return fn(tx);
  });
}
