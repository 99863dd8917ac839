import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { withActorTransaction } from '../../db/transaction.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'pusat',
    'admin',
    'kepala.soeharso',
    'peksos.soeharso',
    'kepala.handayani',
    'peksos.handayani',
  ]) {
    c[u] = await t.login(u);
  }
});
afterAll(() => t.close());

const as = (user: string) => c[user] ?? '';
const get = (user: string, url: string) => t.request(as(user), { method: 'GET', url });
const post = (user: string, url: string, payload: object) =>
  t.request(as(user), { method: 'POST', url, payload });
const register = async (user: string, body: object) => {
  const res = await post(user, '/api/v1/people', { confirmNew: true, ...body });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
};
type Pair = {
  a: { id: string; fullName: string };
  b: { id: string; fullName: string };
  score: number;
  reasons: { field: string }[];
};
const queuePairs = async (user: string) => {
  const res = await get(user, '/api/v1/people/duplicate-queue?limit=50');
  expect(res.statusCode).toBe(200);
  return (res.json().items as Pair[]).map((p) => [p.a.id, p.b.id].sort().join('|'));
};
const pairKey = (x: string, y: string) => [x, y].sort().join('|');
/** A person as GET shows it, minus what any write changes (version, time stamps). */
const view = async (user: string, id: string) => {
  const p = (await get(user, `/api/v1/people/${id}`)).json();
  const { version: _v, updatedAt: _u, ...rest } = p;
  return rest;
};

let siti = { id: '', version: 0 };
let sitti = { id: '', version: 0 };
let anak = { id: '', version: 0 };
let rina = { id: '', version: 0 };
let rinaH = { id: '', version: 0 };

beforeAll(async () => {
  siti = await register('peksos.soeharso', {
    fullName: 'Siti Aminah',
    aliases: ['Bu Siti'],
    sex: 'P',
    birthDate: '1962-05-01',
    motherName: 'Sumarni',
    areaCode: '33.72',
    kkNo: '3372010101090011',
    phones: [{ phone: '081234500001', owner: 'self' }],
    clusters: ['lanjut_usia'],
  });
  sitti = await register('peksos.soeharso', {
    fullName: 'Sitti Aminah',
    nik: '3372014105620002',
    sex: 'P',
    birthDate: '1962-05-03',
    motherName: 'Sumarni',
    areaCode: '33.72',
    kkNo: '3372010101090022',
    phones: [
      { phone: '081234500002', owner: 'self' },
      { phone: '081234500001', owner: 'self' },
    ],
    relations: [{ name: 'Joko', relationship: 'anak', isGuardian: false }],
    clusters: ['lanjut_usia', 'disabilitas'],
    ppks: [8],
  });
  const consent = await post('peksos.soeharso', `/api/v1/people/${sitti.id}/consents`, {
    givenBy: 'self',
    method: 'verbal_witnessed',
    witnessName: 'Sri Lestari',
    givenAt: new Date().toISOString().slice(0, 10),
    purposes: ['services'],
  });
  if (consent.statusCode !== 201) throw new Error(`consent failed: ${consent.body}`);
  // Someone whose family link points at the record that will be merged away.
  anak = await register('peksos.soeharso', {
    fullName: 'Bagus Prakoso',
    sex: 'L',
    relations: [{ relatedPersonId: sitti.id, relationship: 'ibu', isGuardian: false }],
  });
  rina = await register('peksos.handayani', { fullName: 'Rina Marlina', sex: 'P', birthDate: '2010-01-01' });
  rinaH = await register('peksos.handayani', {
    fullName: 'Rina Marliana',
    sex: 'P',
    birthDate: '2010-01-02',
  });
});

describe('the duplicate queue', () => {
  it('lists probable pairs in the unit with both records and why they match', async () => {
    const res = await get('kepala.soeharso', '/api/v1/people/duplicate-queue');
    expect(res.statusCode).toBe(200);
    const pair = (res.json().items as Pair[]).find(
      (p) => pairKey(p.a.id, p.b.id) === pairKey(siti.id, sitti.id),
    );
    expect(pair).toBeDefined();
    const sides = [pair?.a, pair?.b].sort((x, y) => (x?.fullName ?? '').localeCompare(y?.fullName ?? ''));
    expect(sides[0]).toMatchObject({ id: siti.id, fullName: 'Siti Aminah', areaName: 'Kota Surakarta' });
    expect(sides[1]).toMatchObject({ id: sitti.id, fullName: 'Sitti Aminah', nik: '3372014105620002' });
    expect(pair?.reasons.map((r) => r.field)).toEqual(['name', 'birthDate', 'motherName', 'area']);
    expect(pair?.score).toBeGreaterThan(0.7);
  });

  it('shows another unit none of our pairs, headquarters all of them, and refuses roles that cannot merge', async () => {
    const handayani = await queuePairs('kepala.handayani');
    expect(handayani).toEqual([pairKey(rina.id, rinaH.id)]);
    const soeharso = await queuePairs('kepala.soeharso');
    expect(soeharso).not.toContain(pairKey(rina.id, rinaH.id));
    const hq = await queuePairs('pusat');
    expect(hq).toEqual(expect.arrayContaining([pairKey(rina.id, rinaH.id), pairKey(siti.id, sitti.id)]));
    expect((await get('peksos.soeharso', '/api/v1/people/duplicate-queue')).statusCode).toBe(403);
    expect((await get('admin', '/api/v1/people/duplicate-queue')).statusCode).toBe(403);
    expect((await get('pusat', '/api/v1/people/duplicate-queue?cursor=nonsense')).statusCode).toBe(400);
  });

  it('finds pairs without a birth date by name alone', async () => {
    const x = await register('peksos.soeharso', {
      fullName: 'Joko Susilo',
      sex: 'L',
      street: 'Kolong jembatan',
    });
    const y = await register('peksos.soeharso', { fullName: 'Djoko Soesilo', sex: 'L' });
    expect(await queuePairs('kepala.soeharso')).toContain(pairKey(x.id, y.id));
  });

  it('pages through the registry with a cursor, proposing each pair once', async () => {
    // Enough unrelated records that the queue needs more than one stretch of the registry.
    await t.database.db.execute(sql`
      insert into person (full_name, name_norm, search_names, sex, registered_unit_id)
      select 'Q' || md5(i::text), 'q' || md5(i::text), 'q' || md5(i::text), 'L', u.id
      from generate_series(1, 120) i, unit u where u.code = 'SOEHARSO'`);
    const walk = async (limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(
          'kepala.soeharso',
          `/api/v1/people/duplicate-queue?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode).toBe(200);
        seen.push(...(res.json().items as Pair[]).map((p) => pairKey(p.a.id, p.b.id)));
        cursor = res.json().nextCursor;
        pages++;
      } while (cursor && pages < 20);
      return { seen, pages };
    };
    const small = await walk(1);
    const large = await walk(50);
    expect(small.pages).toBeGreaterThan(1);
    expect(new Set(small.seen).size).toBe(small.seen.length);
    expect(small.seen.sort()).toEqual(large.seen.sort());
    expect(small.seen).toContain(pairKey(siti.id, sitti.id));
  });
});

describe('marking two records as different people', () => {
  it('removes the pair from the queue; another unit cannot do it for our people', async () => {
    const foreign = await post('kepala.soeharso', '/api/v1/people/distinct', {
      personA: rina.id,
      personB: rinaH.id,
      reason: 'Beda orang',
    });
    expect(foreign.statusCode).toBe(404);
    const res = await post('kepala.handayani', '/api/v1/people/distinct', {
      personA: rinaH.id,
      personB: rina.id,
      reason: 'Kakak beradik, lahir berbeda hari',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().personA < res.json().personB).toBe(true);
    expect(await queuePairs('kepala.handayani')).toEqual([]);
    const again = await post('kepala.handayani', '/api/v1/people/distinct', {
      personA: rina.id,
      personB: rinaH.id,
      reason: 'Kakak beradik',
    });
    expect(again.statusCode).toBe(200);
    const missing = await post('kepala.handayani', '/api/v1/people/distinct', {
      personA: rina.id,
      personB: rina.id,
      reason: 'x',
    });
    expect(missing.statusCode).toBe(400);
  });
});

describe('merging and undoing', () => {
  let mergeId = '';
  let before: { survivor: object; merged: object; anak: object };

  it("refuses another unit's head (404), a stale version (409) and a missing reason (400)", async () => {
    const body = {
      survivorId: siti.id,
      mergedId: sitti.id,
      reason: 'Orang yang sama: KTP diperiksa',
      survivorVersion: siti.version,
      mergedVersion: sitti.version,
    };
    expect((await post('kepala.handayani', '/api/v1/people/merge', body)).statusCode).toBe(404);
    expect((await post('peksos.soeharso', '/api/v1/people/merge', body)).statusCode).toBe(403);
    const stale = await post('kepala.soeharso', '/api/v1/people/merge', { ...body, survivorVersion: 99 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const noReason = await post('kepala.soeharso', '/api/v1/people/merge', { ...body, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details[0].field).toBe('reason');
    expect((await get('kepala.soeharso', `/api/v1/people/${sitti.id}`)).json().mergedIntoId).toBeNull();
  });

  it('moves everything to the survivor, keeps the merged record read-only, and records who and why', async () => {
    before = {
      survivor: await view('kepala.soeharso', siti.id),
      merged: await view('kepala.soeharso', sitti.id),
      anak: await view('kepala.soeharso', anak.id),
    };
    const res = await post('kepala.soeharso', '/api/v1/people/merge', {
      survivorId: siti.id,
      mergedId: sitti.id,
      reason: 'Orang yang sama: KTP diperiksa',
      survivorVersion: siti.version,
      mergedVersion: sitti.version,
    });
    expect(res.statusCode).toBe(201);
    mergeId = res.json().id;
    expect(res.json()).toMatchObject({
      survivor: { id: siti.id },
      merged: { id: sitti.id },
      mergedBy: 'kepala.soeharso',
      undoneAt: null,
      moved: { phones: 1, relations: 1, kk: 1, consents: 1 },
    });
    const s = (await get('kepala.soeharso', `/api/v1/people/${siti.id}`)).json();
    // The survivor took the NIK it lacked, the other phone, the relative, the extra cluster and PPKS.
    expect(s.nik).toBe('3372014105620002');
    expect(s.warnings).not.toContain('needs_identity_documents');
    expect(s.aliases).toEqual(['Bu Siti', 'Sitti Aminah']);
    expect(s.phones.map((p: { phone: string }) => p.phone).sort()).toEqual([
      '+6281234500001',
      '+6281234500002',
    ]);
    expect(s.relations.map((r: { name: string }) => r.name)).toEqual(['Joko']);
    expect(s.clusters.map((x: { code: string }) => x.code)).toEqual(['disabilitas', 'lanjut_usia']);
    expect(s.ppks.map((x: { no: number }) => x.no)).toEqual([8]);
    expect(s.kkNo).toBe('3372010101090011');
    expect(s.kkHistory.map((k: { kkNo: string }) => k.kkNo).sort()).toEqual([
      '3372010101090011',
      '3372010101090022',
    ]);
    expect(s.version).toBe(siti.version + 1);
    const consents = (await get('kepala.soeharso', `/api/v1/people/${siti.id}/consents`)).json();
    expect(consents.items.map((x: { witnessName: string }) => x.witnessName)).toEqual(['Sri Lestari']);
    // The relative's link now points at the survivor.
    const a = (await get('kepala.soeharso', `/api/v1/people/${anak.id}`)).json();
    expect(a.relations[0].relatedPersonId).toBe(siti.id);
    // The merged record still opens, read-only, pointing at the survivor; editing it is refused.
    const m = await get('kepala.soeharso', `/api/v1/people/${sitti.id}`);
    expect(m.statusCode).toBe(200);
    expect(m.json().mergedIntoId).toBe(siti.id);
    const edit = await t.request(as('kepala.soeharso'), {
      method: 'PATCH',
      url: `/api/v1/people/${sitti.id}`,
      payload: { fullName: 'X', sex: 'P', version: m.json().version },
    });
    expect(edit.json().code).toBe('PERSON_MERGED');
    // Search finds the survivor by the old name and the NIK, and no longer lists the merged record.
    const found = (await get('kepala.soeharso', '/api/v1/people?q=sitti%20aminah')).json();
    expect(found.items.map((p: { id: string }) => p.id)).toEqual([siti.id]);
    const byNik = (await get('kepala.soeharso', '/api/v1/people?q=3372014105620002')).json();
    expect(byNik.items.map((p: { id: string }) => p.id)).toEqual([siti.id]);
    expect(await queuePairs('kepala.soeharso')).not.toContain(pairKey(siti.id, sitti.id));
    // History, from either side.
    const history = (await get('peksos.soeharso', `/api/v1/people/${sitti.id}/merges`)).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ id: mergeId, reason: 'Orang yang sama: KTP diperiksa' });
    expect((await get('peksos.handayani', `/api/v1/people/${siti.id}/merges`)).statusCode).toBe(404);
    const recent = (await get('kepala.handayani', '/api/v1/people/merges')).json();
    expect(recent.items).toEqual([]);
    const audit = await queryRows<{ action: string; actor_username: string }>(
      t.database.db,
      sql`select action, actor_username from audit_event where entity = 'person_merge' and entity_id = ${mergeId}`,
    );
    expect(audit).toEqual([{ action: 'insert', actor_username: 'kepala.soeharso' }]);
  });

  it('refuses merging a record that is already merged', async () => {
    const m = (await get('kepala.soeharso', `/api/v1/people/${sitti.id}`)).json();
    const s = (await get('kepala.soeharso', `/api/v1/people/${anak.id}`)).json();
    const res = await post('kepala.soeharso', '/api/v1/people/merge', {
      survivorId: anak.id,
      mergedId: sitti.id,
      reason: 'Coba lagi',
      survivorVersion: s.version,
      mergedVersion: m.version,
    });
    expect(res.json().code).toBe('PERSON_MERGED');
  });

  it('undoes the merge exactly, once, and audits it', async () => {
    expect((await post('kepala.handayani', `/api/v1/people/merges/${mergeId}/undo`, {})).statusCode).toBe(
      404,
    );
    const res = await post('kepala.soeharso', `/api/v1/people/merges/${mergeId}/undo`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ undoneBy: 'kepala.soeharso' });
    expect(res.json().undoneAt).not.toBeNull();
    expect(await view('kepala.soeharso', siti.id)).toEqual(before.survivor);
    expect(await view('kepala.soeharso', sitti.id)).toEqual(before.merged);
    expect(await view('kepala.soeharso', anak.id)).toEqual(before.anak);
    const consents = (await get('kepala.soeharso', `/api/v1/people/${sitti.id}/consents`)).json();
    expect(consents.items).toHaveLength(1);
    expect((await get('kepala.soeharso', `/api/v1/people/${siti.id}/consents`)).json().items).toEqual([]);
    const twice = await post('kepala.soeharso', `/api/v1/people/merges/${mergeId}/undo`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PERSON_MERGE_ALREADY_UNDONE');
    const audit = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_event where entity = 'person_merge' and entity_id = ${mergeId} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['insert', 'update']);
    // The pair is back in the queue for a second look.
    expect(await queuePairs('kepala.soeharso')).toContain(pairKey(siti.id, sitti.id));
  });

  it('refuses an undo after the survivor was edited since (it would lose that edit)', async () => {
    const s = (await get('pusat', `/api/v1/people/${siti.id}`)).json();
    const m = (await get('pusat', `/api/v1/people/${sitti.id}`)).json();
    const merged = await post('pusat', '/api/v1/people/merge', {
      survivorId: sitti.id,
      mergedId: siti.id,
      reason: 'Headquarters checked the KTP',
      survivorVersion: m.version,
      mergedVersion: s.version,
    });
    expect(merged.statusCode).toBe(201);
    const now = (await get('pusat', `/api/v1/people/${sitti.id}`)).json();
    // The survivor kept its NIK and took the other record's name as an alias.
    expect(now.nik).toBe('3372014105620002');
    expect(now.aliases).toContain('Siti Aminah');
    const edit = await t.request(as('kepala.soeharso'), {
      method: 'PATCH',
      url: `/api/v1/people/${sitti.id}`,
      payload: {
        fullName: now.fullName,
        nik: now.nik,
        sex: 'P',
        street: 'Jl. Baru',
        aliases: now.aliases,
        version: now.version,
      },
    });
    expect(edit.statusCode).toBe(200);
    const undo = await post('pusat', `/api/v1/people/merges/${merged.json().id}/undo`, {});
    expect(undo.statusCode).toBe(409);
    expect(undo.json().code).toBe('PERSON_MERGE_UNDO_STALE');
  });

  it('refuses to merge two records with different NIKs', async () => {
    const x = await register('peksos.soeharso', {
      fullName: 'Dewi Lestari',
      nik: '3372014107800003',
      sex: 'P',
      birthDate: '1980-07-01',
    });
    const y = await register('peksos.soeharso', {
      fullName: 'Dewi Lestari',
      nik: '3372014107800004',
      sex: 'P',
      birthDate: '1980-07-01',
    });
    const pairs = (await get('kepala.soeharso', '/api/v1/people/duplicate-queue?limit=50')).json()
      .items as (Pair & {
      nikConflict: boolean;
    })[];
    expect(pairs.find((p) => pairKey(p.a.id, p.b.id) === pairKey(x.id, y.id))?.nikConflict).toBe(true);
    const res = await post('kepala.soeharso', '/api/v1/people/merge', {
      survivorId: x.id,
      mergedId: y.id,
      reason: 'Sama',
      survivorVersion: x.version,
      mergedVersion: y.version,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('PERSON_MERGE_NIK_CONFLICT');
  });
});

describe('merging a record that another unit also serves', () => {
  /** Links as the database holds them (read as the owner, past row-level security). */
  const links = (id: string) =>
    queryRows<{ code: string; reason: string }>(
      t.database.db,
      sql`select u.code, pu.reason from person_unit pu join unit u on u.id = pu.unit_id
          where pu.person_id = ${id}::uuid order by u.code, pu.reason`,
    );
  const handayaniSees = async (id: string) =>
    (await get('peksos.handayani', `/api/v1/people/${id}`)).statusCode;
  const handayaniFinds = async (q: string) =>
    (
      (await get('peksos.handayani', `/api/v1/people?q=${encodeURIComponent(q)}`)).json().items as {
        id: string;
      }[]
    ).map((p) => p.id);

  it("keeps the other unit's sight of the person through the merge and its undo, audited as the head", async () => {
    const survivor = await register('peksos.soeharso', {
      fullName: 'Wagiyem Sastro',
      sex: 'P',
      birthDate: '1950-03-10',
    });
    const merged = await register('peksos.soeharso', {
      fullName: 'Wagiyem Sastra',
      sex: 'P',
      birthDate: '1950-03-12',
    });
    // Handayani serves the duplicate (as after an accepted referral or a case it opened).
    await t.database.db.execute(sql`
      insert into person_unit (person_id, unit_id, reason)
      select ${merged.id}::uuid, u.id, 'serves' from unit u where u.code = 'HANDAYANI'`);
    expect(await handayaniSees(merged.id)).toBe(200);
    expect(await handayaniSees(survivor.id)).toBe(404);

    const res = await post('kepala.soeharso', '/api/v1/people/merge', {
      survivorId: survivor.id,
      mergedId: merged.id,
      reason: 'Orang yang sama: dicek di lapangan',
      survivorVersion: survivor.version,
      mergedVersion: merged.version,
    });
    expect(res.statusCode).toBe(201);
    // Handayani's worker still finds and opens the person, now the survivor, and the merged record too.
    expect(await handayaniSees(survivor.id)).toBe(200);
    expect(await handayaniFinds('wagiyem')).toEqual([survivor.id]);
    const m = (await get('peksos.handayani', `/api/v1/people/${merged.id}`)).json();
    expect(m.mergedIntoId).toBe(survivor.id);
    expect(await links(survivor.id)).toEqual([
      { code: 'HANDAYANI', reason: 'serves' },
      { code: 'SOEHARSO', reason: 'registered' },
    ]);
    // The new link is filed under the head who merged, like every other row the merge wrote.
    const audit = await queryRows<{ actor_username: string; changes: { unit_id: { after: string } } }>(
      t.database.db,
      sql`select a.actor_username, a.changes from audit_event a
          where a.entity = 'person_unit' and a.entity_id = ${survivor.id} and a.action = 'insert'
            and a.changes -> 'unit_id' ->> 'after' = (select id::text from unit where code = 'HANDAYANI')`,
    );
    expect(audit.map((a) => a.actor_username)).toEqual(['kepala.soeharso']);

    const undo = await post('kepala.soeharso', `/api/v1/people/merges/${res.json().id}/undo`, {});
    expect(undo.statusCode).toBe(200);
    // Undo gives back exactly what the merge added: Handayani sees the original record again, not the survivor.
    expect(await links(survivor.id)).toEqual([{ code: 'SOEHARSO', reason: 'registered' }]);
    expect(await links(merged.id)).toEqual([
      { code: 'HANDAYANI', reason: 'serves' },
      { code: 'SOEHARSO', reason: 'registered' },
    ]);
    expect(await handayaniSees(survivor.id)).toBe(404);
    expect((await get('peksos.handayani', `/api/v1/people/${merged.id}`)).json().mergedIntoId).toBeNull();
    expect(await handayaniFinds('wagiyem')).toEqual([merged.id]);
  });

  it('turns the other unit\'s "registered" link into "serves" on the survivor, and gives it back on undo', async () => {
    const survivor = await register('peksos.soeharso', { fullName: 'Paijo Suwarno', sex: 'L' });
    // Registered by Handayani, later served by Soeharso: Soeharso's head may see and merge it.
    const merged = await register('peksos.handayani', { fullName: 'Paijo Suwarna', sex: 'L' });
    await t.database.db.execute(sql`
      insert into person_unit (person_id, unit_id, reason)
      select ${merged.id}::uuid, u.id, 'serves' from unit u where u.code = 'SOEHARSO'`);
    const mv = (await get('kepala.soeharso', `/api/v1/people/${merged.id}`)).json().version as number;
    const res = await post('kepala.soeharso', '/api/v1/people/merge', {
      survivorId: survivor.id,
      mergedId: merged.id,
      reason: 'Orang yang sama',
      survivorVersion: survivor.version,
      mergedVersion: mv,
    });
    expect(res.statusCode).toBe(201);
    // Soeharso's own 'serves' link is a different link from its 'registered' one: copied too, as before.
    expect(await links(survivor.id)).toEqual([
      { code: 'HANDAYANI', reason: 'serves' },
      { code: 'SOEHARSO', reason: 'registered' },
      { code: 'SOEHARSO', reason: 'serves' },
    ]);
    expect(await handayaniSees(survivor.id)).toBe(200);
    expect(
      (await post('kepala.soeharso', `/api/v1/people/merges/${res.json().id}/undo`, {})).statusCode,
    ).toBe(200);
    expect(await links(survivor.id)).toEqual([{ code: 'SOEHARSO', reason: 'registered' }]);
    expect(await links(merged.id)).toEqual([
      { code: 'HANDAYANI', reason: 'registered' },
      { code: 'SOEHARSO', reason: 'serves' },
    ]);
    expect(await handayaniSees(survivor.id)).toBe(404);
    expect(await handayaniSees(merged.id)).toBe(200);
  });

  it('leaves the link of a unit that opened a case on the survivor since, when the merge is undone', async () => {
    const survivor = await register('peksos.soeharso', { fullName: 'Sarinah Wulandari', sex: 'P' });
    const merged = await register('peksos.soeharso', { fullName: 'Sarinah Wulandary', sex: 'P' });
    await t.database.db.execute(sql`
      insert into person_unit (person_id, unit_id, reason)
      select ${merged.id}::uuid, u.id, 'serves' from unit u where u.code = 'HANDAYANI'`);
    const res = await post('kepala.soeharso', '/api/v1/people/merge', {
      survivorId: survivor.id,
      mergedId: merged.id,
      reason: 'Orang yang sama',
      survivorVersion: survivor.version,
      mergedVersion: merged.version,
    });
    expect(res.statusCode).toBe(201);
    const opened = await post('peksos.handayani', '/api/v1/cases', {
      personId: survivor.id,
      clusterCode: 'disabilitas',
      approaches: ['family'],
      intakeSource: 'walk_in',
      intakeDate: new Date().toISOString().slice(0, 10),
    });
    expect(opened.statusCode).toBe(201);
    const undo = await post('kepala.soeharso', `/api/v1/people/merges/${res.json().id}/undo`, {});
    expect(undo.statusCode).toBe(200);
    // Handayani holds a case of the survivor now: it keeps seeing them, and the original record as before.
    expect(await links(survivor.id)).toEqual([
      { code: 'HANDAYANI', reason: 'serves' },
      { code: 'SOEHARSO', reason: 'registered' },
    ]);
    expect(await handayaniSees(survivor.id)).toBe(200);
    expect(await handayaniSees(merged.id)).toBe(200);
  });

  it('refuses the link definers outside a merge the caller may do, and changes nothing', async () => {
    const x = await register('peksos.soeharso', { fullName: 'Tukinem Rahayu', sex: 'P' });
    const y = await register('peksos.soeharso', { fullName: 'Tukinem Rahayoe', sex: 'P' });
    const unitIds = Object.fromEntries(
      (await queryRows<{ code: string; id: string }>(t.database.db, sql`select code, id from unit`)).map(
        (u) => [u.code, u.id],
      ),
    );
    const actor = (code: string) => ({
      userId: null,
      username: 'test',
      role: 'kepala_upt',
      unitId: unitIds[code] ?? null,
      ip: null,
      requestId: null,
      scope: 'unit' as const,
    });
    const call = (code: string, q: ReturnType<typeof sql>) =>
      withActorTransaction(t.database.db, actor(code), (tx) => tx.execute(q)).then(
        () => 'ran',
        (e: Error) => String(e.cause ?? e),
      );
    // Not being merged: the head of the registering unit still cannot copy links between two records.
    expect(await call('SOEHARSO', sql`select atensi_merge_copy_units(${x.id}::uuid, ${y.id}::uuid)`)).toMatch(
      /not being merged/,
    );
    const res = await post('kepala.soeharso', '/api/v1/people/merge', {
      survivorId: x.id,
      mergedId: y.id,
      reason: 'Orang yang sama',
      survivorVersion: x.version,
      mergedVersion: y.version,
    });
    expect(res.statusCode).toBe(201);
    // Once recorded, the merge cannot be replayed; another unit can neither copy nor undo it.
    expect(await call('SOEHARSO', sql`select atensi_merge_copy_units(${x.id}::uuid, ${y.id}::uuid)`)).toMatch(
      /not being merged/,
    );
    expect(await call('HANDAYANI', sql`select atensi_merge_undo_units(${res.json().id}::uuid)`)).toMatch(
      /outside the caller's unit/,
    );
    const undo = await post('kepala.soeharso', `/api/v1/people/merges/${res.json().id}/undo`, {});
    expect(undo.statusCode).toBe(200);
    expect(await call('SOEHARSO', sql`select atensi_merge_undo_units(${res.json().id}::uuid)`)).toMatch(
      /not in force/,
    );
    expect(await links(x.id)).toEqual([{ code: 'SOEHARSO', reason: 'registered' }]);
    expect(await links(y.id)).toEqual([{ code: 'SOEHARSO', reason: 'registered' }]);
  });
});
