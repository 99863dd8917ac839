import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.ts';
import { appUser } from '../db/schema.ts';
import { withActorTransaction } from '../db/transaction.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const actor = {
  userId: null,
  username: 'tester',
  role: 'admin',
  unitId: null,
  ip: '10.1.2.3',
  requestId: 'req-1',
};

describe('audit trigger', () => {
  it('records who changed which field, before and after, in the same transaction', async () => {
    await withActorTransaction(t.database.db, actor, (tx) =>
      tx
        .update(appUser)
        .set({ displayName: 'Sri W. Diganti' })
        .where(eq(appUser.username, 'kepala.soeharso')),
    );
    const rows = await queryRows<{ actor_username: string; ip: string; changes: Record<string, unknown> }>(
      t.database.db,
      sql`select actor_username, host(ip) as ip, changes from audit_event
          where entity = 'app_user' and action = 'update' and request_id = 'req-1'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_username: 'tester', ip: '10.1.2.3' });
    expect(rows[0]?.changes).toEqual({
      display_name: { before: 'Sri Wahyuningsih', after: 'Sri W. Diganti' },
    });
  });

  it('leaves nothing behind when the transaction fails half-way', async () => {
    const before = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event`,
    );
    await expect(
      withActorTransaction(t.database.db, { ...actor, requestId: 'req-2' }, async (tx) => {
        await tx
          .update(appUser)
          .set({ displayName: 'Tidak Jadi' })
          .where(eq(appUser.username, 'ska.soeharso'));
        throw new Error('fails half-way');
      }),
    ).rejects.toThrow('fails half-way');
    const user = await t.database.db.select().from(appUser).where(eq(appUser.username, 'ska.soeharso'));
    expect(user[0]?.displayName).toBe('Dewi Lestari');
    const after = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event`,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it.each([
    ['update', sql`update audit_event set action = 'read'`],
    ['delete', sql`delete from audit_event`],
    ['truncate', sql`truncate audit_event`],
  ])('refuses to %s the audit log', async (_, statement) => {
    await expect(t.database.db.execute(statement)).rejects.toThrow();
    const rows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event`,
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it('is attached to every table except the log itself and bookkeeping', async () => {
    // case_progress and outcome_tally are derived from surveys and schedules (audited) in the same
    // transaction, like an index; auditing them would write several audit rows per survey.
    const exempt = new Set([
      'audit_event',
      'user_session',
      'login_attempt',
      'import_row',
      'case_progress',
      'outcome_tally',
      // Words of names, no person or unit: a spelling dictionary kept like an index.
      'name_word',
      // Orderings of people for the search (0029), copied from audited rows by triggers.
      'unit_person',
      'person_word',
    ]);
    const tables = await queryRows<{ table_name: string }>(
      t.database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    // Inserts are audited by a statement-level trigger (set-based), updates and deletes by a row trigger.
    const audited = await queryRows<{ table_name: string; events: string }>(
      t.database.db,
      sql`select event_object_table as table_name,
                 string_agg(distinct trigger_name || ':' || event_manipulation, ',' order by trigger_name || ':' || event_manipulation) as events
          from information_schema.triggers where trigger_name in ('audit_row', 'audit_insert')
          group by event_object_table`,
    );
    const withTrigger = new Set(
      audited
        .filter((r) => r.events === 'audit_insert:INSERT,audit_row:DELETE,audit_row:UPDATE')
        .map((r) => r.table_name),
    );
    const missing = tables.map((r) => r.table_name).filter((n) => !exempt.has(n) && !withTrigger.has(n));
    expect(missing).toEqual([]);
    expect(withTrigger.size).toBeGreaterThanOrEqual(9);
  });
});

describe('who an audit record names', () => {
  it('names the system, with no user id, for what the seeds loaded', async () => {
    const rows = await queryRows<{ actor_user_id: string | null; actor_username: string | null }>(
      t.database.db,
      sql`select distinct actor_user_id, actor_username from audit_event
          where action = 'insert' and entity in ('area', 'unit', 'cluster', 'app_user') and request_id is null`,
    );
    expect(rows).toEqual([{ actor_user_id: null, actor_username: 'system' }]);
  });

  it('names no one for a failed sign-in: the account tried is the record, the username typed is in meta', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'Kepala.Soeharso', password: 'a-wrong-password-77' },
    });
    const cookie = await t.login('dpo');
    const failed = await t.request(cookie, {
      method: 'GET',
      url: '/api/v1/audit-events?action=login_failed&entity=app_user',
    });
    const [user] = await t.database.db
      .select({ id: appUser.id })
      .from(appUser)
      .where(eq(appUser.username, 'kepala.soeharso'));
    expect(failed.json().items[0]).toMatchObject({
      actorUserId: null,
      actorUsername: null,
      actorRole: null,
      entityId: user?.id,
      meta: { attemptedUsername: 'Kepala.Soeharso', reason: 'wrong_password' },
    });
    expect(JSON.stringify(failed.json())).not.toContain('a-wrong-password-77');
    const byActor = await t.request(cookie, {
      method: 'GET',
      url: '/api/v1/audit-events?actor=kepala.soeharso&action=login_failed',
    });
    expect(byActor.json().items).toEqual([]);
  });
});

describe('GET /audit-events', () => {
  it('finds events by actor, action and entity, newest first, and audits the search itself', async () => {
    const cookie = await t.login('dpo');
    const res = await t.request(cookie, {
      method: 'GET',
      url: '/api/v1/audit-events?actor=tester&action=update&entity=app_user',
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { actorUsername: string; action: string; id: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.actorUsername === 'tester' && i.action === 'update')).toBe(true);
    const again = await t.request(cookie, {
      method: 'GET',
      url: '/api/v1/audit-events?actor=dpo&action=search',
    });
    expect(again.json().items[0]).toMatchObject({ action: 'search', entity: 'audit_event' });
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const cookie = await t.login('admin');
    const all = (
      await t.request(cookie, { method: 'GET', url: '/api/v1/audit-events?limit=200&entity=app_user' })
    ).json().items as { id: string }[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/audit-events?limit=7&entity=app_user${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.request(cookie, { method: 'GET', url })).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((i) => i.id));
  });

  it('filters by time', async () => {
    const cookie = await t.login('admin');
    const future = new Date(Date.now() + 3600_000).toISOString();
    const res = await t.request(cookie, {
      method: 'GET',
      url: `/api/v1/audit-events?from=${encodeURIComponent(future)}`,
    });
    expect(res.json().items).toEqual([]);
  });

  it('refuses a malformed cursor with 400', async () => {
    const cookie = await t.login('admin');
    const res = await t.request(cookie, { method: 'GET', url: '/api/v1/audit-events?cursor=abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('is refused to a unit user', async () => {
    const cookie = await t.login('kepala.soeharso');
    expect((await t.request(cookie, { method: 'GET', url: '/api/v1/audit-events' })).statusCode).toBe(403);
  });
});
