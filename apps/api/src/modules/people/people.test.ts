import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { withActorTransaction } from '../../db/transaction.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const c: Record<string, string> = {};
let unitIds: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'admin',
    'pusat',
    'peksos.soeharso',
    'kepala.soeharso',
    'ska.soeharso',
    'peksos.handayani',
    'gudang.soeharso',
  ]) {
    c[u] = await t.login(u);
  }
  const list = (await t.request(c.admin ?? '', { method: 'GET', url: '/api/v1/units?limit=200' })).json();
  unitIds = Object.fromEntries(list.items.map((u: { code: string; id: string }) => [u.code, u.id]));
});
afterAll(() => t.close());

const as = (user: string) => c[user] ?? '';
const post = (user: string, payload: object) =>
  t.request(as(user), { method: 'POST', url: '/api/v1/people', payload });
const get = (user: string, url: string) => t.request(as(user), { method: 'GET', url });
const countPeople = async () =>
  (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from person`))[0]?.n ?? 0;

const budi = {
  nik: '3372011203850001',
  kkNo: '3372010101090002',
  fullName: 'Budi Santoso',
  aliases: ['Mas Bud'],
  sex: 'L',
  birthDate: '1985-03-12',
  birthPlace: 'Surakarta',
  motherName: 'Sri Wahyuni',
  religion: 'islam',
  areaCode: '33.72',
  street: 'Jl. Slamet Riyadi 10',
  rt: '003',
  rw: '005',
  phones: [{ phone: '0812-3456-7890', owner: 'self' }],
  relations: [{ name: 'Sri Wahyuni', relationship: 'ibu', isGuardian: false }],
  clusters: ['disabilitas'],
  ppks: [8],
  disabilityType: 'fisik',
  disabilityLevel: 'sedang',
};
let budiId = '';

describe('registering a person', () => {
  it('creates a person with a valid NIK, normalises the phone and keeps the KK in its history', async () => {
    const res = await post('peksos.soeharso', budi);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    budiId = p.id;
    expect(p).toMatchObject({
      fullName: 'Budi Santoso',
      aliases: ['Mas Bud'],
      phones: [{ phone: '+6281234567890', owner: 'self' }],
      registeredUnit: { code: 'SOEHARSO' },
      clusters: [{ code: 'disabilitas' }],
      warnings: [],
      version: 1,
    });
    expect(p.kkHistory).toHaveLength(1);
    expect(p.areaPath.map((a: { name: string }) => a.name)).toEqual(['Jawa Tengah', 'Kota Surakarta']);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event where entity = 'person' and entity_id = ${budiId} and action = 'insert' and actor_username = 'peksos.soeharso'`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it.each([
    ['33720112038500', 'format'],
    ['9972011203850001', 'province'],
    ['3372013203850001', 'day'],
    ['3372011213850001', 'month'],
    ['3372011203850000', 'serial'],
  ])('refuses NIK %s with NIK_INVALID naming rule %s, and saves nothing', async (nik, rule) => {
    const before = await countPeople();
    const res = await post('peksos.soeharso', {
      ...budi,
      nik,
      fullName: 'Orang Lain Sekali',
      confirmNew: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('NIK_INVALID');
    expect(res.json().details[0]).toMatchObject({ field: 'nik', issue: rule });
    expect(await countPeople()).toBe(before);
  });

  it('accepts a NIK that disagrees with the birth date and sex, with visible warnings', async () => {
    const res = await post('peksos.soeharso', {
      fullName: 'Wulan Sari',
      nik: '3372015506900003',
      sex: 'L',
      birthDate: '1990-06-16',
      confirmNew: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings.sort()).toEqual(['nik_birth_date_mismatch', 'nik_sex_mismatch']);
  });

  it('registers a person without NIK and marks them as needing identity documents', async () => {
    const res = await post('ska.soeharso', {
      fullName: 'Si Gondrong',
      sex: 'L',
      birthDate: '1970-01-01',
      birthDateEstimated: true,
      noNikReason: 'Ditemukan di jalan tanpa dokumen',
      currentLocationKind: 'street',
      currentLocation: 'Kolong jembatan Jebres',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual(['needs_identity_documents']);
  });

  it('refuses bad input naming each field, and saves nothing', async () => {
    const before = await countPeople();
    const res = await post('peksos.soeharso', {
      fullName: 'Tono',
      sex: 'L',
      kkNo: '123',
      birthDate: '2999-01-01',
      areaCode: '99.99',
      clusters: ['bukan_klaster'],
      ppks: [999],
      phones: [{ phone: '12345', owner: 'self' }],
      confirmNew: true,
    });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .details.map((d: { field: string }) => d.field)
      .sort();
    expect(fields).toEqual(['areaCode', 'birthDate', 'clusters.0', 'kkNo', 'phones.0.phone', 'ppks.0']);
    expect(await countPeople()).toBe(before);
    const badSex = await post('peksos.soeharso', { fullName: 'Tono', sex: 'X' });
    expect(badSex.statusCode).toBe(400);
    expect(badSex.json().details[0].field).toBe('sex');
  });

  it('answers an exact NIK match with 409 and a link, or only the unit to contact when out of scope', async () => {
    const same = await post('kepala.soeharso', { ...budi, fullName: 'Budi S', confirmNew: true });
    expect(same.statusCode).toBe(409);
    expect(same.json()).toMatchObject({ code: 'PERSON_DUPLICATE_NIK', existing: { personId: budiId } });
    const other = await post('peksos.handayani', { ...budi, fullName: 'Budi S', confirmNew: true });
    expect(other.statusCode).toBe(409);
    expect(other.json().existing).toMatchObject({ personId: null, unit: { id: unitIds.SOEHARSO } });
    expect(other.body).not.toContain('Budi Santoso');
  });

  it('shows likely matches without NIK with why they match, and registers only when confirmed', async () => {
    const lookalike = {
      fullName: 'Budi Santosa',
      sex: 'L',
      birthDate: '1985-03-14',
      motherName: 'Sri Wahyuni',
      areaCode: '33.72',
    };
    const refused = await post('peksos.soeharso', lookalike);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('PERSON_POSSIBLE_DUPLICATE');
    const check = await t.request(as('peksos.soeharso'), {
      method: 'POST',
      url: '/api/v1/people/duplicates',
      payload: {
        fullName: lookalike.fullName,
        birthDate: lookalike.birthDate,
        motherName: 'Sri Wahyuni',
        areaCode: '33.72',
      },
    });
    expect(check.statusCode).toBe(200);
    const top = check.json().candidates[0];
    expect(top).toMatchObject({ personId: budiId, fullName: 'Budi Santoso', visible: true });
    expect(top.reasons.map((r: { field: string }) => r.field)).toEqual([
      'name',
      'birthDate',
      'motherName',
      'area',
    ]);
    expect(top.reasons[1].detail).toBe('lahir selisih 2 hari');
    // Another unit learns only that a similar record exists and whom to contact.
    const foreign = await t.request(as('peksos.handayani'), {
      method: 'POST',
      url: '/api/v1/people/duplicates',
      payload: { fullName: lookalike.fullName, birthDate: lookalike.birthDate },
    });
    expect(foreign.json().candidates[0]).toMatchObject({ personId: null, fullName: null, visible: false });
    const created = await post('peksos.soeharso', { ...lookalike, confirmNew: true });
    expect(created.statusCode).toBe(201);
  });
});

describe('finding people', () => {
  it('finds a person with a typo, by alias, by NIK and by KK', async () => {
    const typo = (await get('peksos.soeharso', '/api/v1/people?q=budi%20santsoo')).json();
    expect(typo.items.map((p: { id: string }) => p.id)).toContain(budiId);
    const alias = (await get('peksos.soeharso', '/api/v1/people?q=mas%20bud')).json();
    expect(alias.items[0].id).toBe(budiId);
    const nik = (await get('peksos.soeharso', '/api/v1/people?q=33720112')).json();
    expect(nik.items.map((p: { id: string }) => p.id)).toEqual([budiId]);
    const kk = (await get('peksos.soeharso', `/api/v1/people?q=${budi.kkNo}`)).json();
    expect(kk.items.map((p: { id: string }) => p.id)).toEqual([budiId]);
  });

  it('filters by cluster, sex, age and area, and pages with a cursor', async () => {
    const dis = (await get('peksos.soeharso', '/api/v1/people?cluster=disabilitas')).json();
    expect(dis.items.map((p: { id: string }) => p.id)).toEqual([budiId]);
    const women = (await get('peksos.soeharso', '/api/v1/people?sex=P')).json();
    expect(women.items).toEqual([]);
    const older = (await get('peksos.soeharso', '/api/v1/people?ageMin=50')).json();
    expect(older.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Si Gondrong']);
    const area = (await get('peksos.soeharso', '/api/v1/people?area=33')).json();
    expect(area.items.length).toBe(2);
    const all = (await get('peksos.soeharso', '/api/v1/people?limit=100')).json();
    const first = (await get('peksos.soeharso', '/api/v1/people?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await get('peksos.soeharso', `/api/v1/people?limit=2&cursor=${first.nextCursor}`)).json();
    const paged = [...first.items, ...second.items].map((p: { id: string }) => p.id);
    expect(paged).toEqual(all.items.slice(0, 4).map((p: { id: string }) => p.id));
    expect(first.total).toBe(all.items.length);
    const bad = await get('peksos.soeharso', '/api/v1/people?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
  });

  it("never shows, finds or counts another unit's people", async () => {
    const search = (await get('peksos.handayani', '/api/v1/people?q=budi')).json();
    expect(search.items).toEqual([]);
    expect(search.total).toBe(0);
    const byNik = (await get('peksos.handayani', `/api/v1/people?q=${budi.nik}`)).json();
    expect(byNik.total).toBe(0);
    expect((await get('peksos.handayani', `/api/v1/people/${budiId}`)).statusCode).toBe(404);
    const edit = await t.request(as('peksos.handayani'), {
      method: 'PATCH',
      url: `/api/v1/people/${budiId}`,
      payload: { ...budi, version: 1 },
    });
    expect(edit.statusCode).toBe(404);
    expect((await get('peksos.handayani', `/api/v1/people/${budiId}/sensitive`)).statusCode).toBe(404);
    expect((await get('gudang.soeharso', '/api/v1/people')).statusCode).toBe(403);
  });

  it('shows headquarters everyone, and audits its searches and reads', async () => {
    const res = (await get('pusat', '/api/v1/people?q=budi')).json();
    expect(res.items.map((p: { id: string }) => p.id)).toContain(budiId);
    expect((await get('pusat', `/api/v1/people/${budiId}`)).statusCode).toBe(200);
    const audit = await queryRows<{ action: string }>(
      t.database.db,
      sql`select action from audit_event where entity = 'person' and actor_username = 'pusat' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['search', 'read']);
  });

  it('enforces the unit scope in the database too: a query without the service filter sees only its unit', async () => {
    const handayani = {
      userId: null,
      username: 'test',
      role: 'pekerja_sosial',
      unitId: unitIds.HANDAYANI ?? null,
      ip: null,
      requestId: null,
      scope: 'unit' as const,
    };
    const seen = await withActorTransaction(t.database.db, handayani, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from person`),
    );
    expect(seen[0]?.n).toBe(0);
    const soeharso = { ...handayani, unitId: unitIds.SOEHARSO ?? null };
    const own = await withActorTransaction(t.database.db, soeharso, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from person`),
    );
    expect(own[0]?.n).toBe(await countPeople());
    const phones = await withActorTransaction(t.database.db, handayani, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from person_phone`),
    );
    expect(phones[0]?.n).toBe(0);
    // Nor can it write a person into another unit.
    const failure = await withActorTransaction(t.database.db, handayani, (tx) =>
      tx.execute(sql`insert into person (full_name, name_norm, search_names, sex, registered_unit_id)
                     values ('X', 'x', 'x', 'L', ${unitIds.SOEHARSO}::uuid)`),
    ).catch((e: Error) => e);
    expect(String((failure as Error).cause)).toMatch(/row-level security/);
  });
});

describe('editing a person', () => {
  it('saves an edit, records the new KK in the history, and answers a stale version with 409', async () => {
    const p = (await get('peksos.soeharso', `/api/v1/people/${budiId}`)).json();
    const res = await t.request(as('peksos.soeharso'), {
      method: 'PATCH',
      url: `/api/v1/people/${budiId}`,
      payload: { ...budi, kkNo: '3372010101200003', street: 'Jl. Baru 1', version: p.version },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      street: 'Jl. Baru 1',
      kkNo: '3372010101200003',
      version: p.version + 1,
    });
    expect(
      res.json().kkHistory.map((k: { kkNo: string; endedAt: string | null }) => [k.kkNo, k.endedAt === null]),
    ).toEqual([
      [budi.kkNo, false],
      ['3372010101200003', true],
    ]);
    const stale = await t.request(as('kepala.soeharso'), {
      method: 'PATCH',
      url: `/api/v1/people/${budiId}`,
      payload: { ...budi, street: 'Overwrite', version: p.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    expect((await get('peksos.soeharso', `/api/v1/people/${budiId}`)).json().street).toBe('Jl. Baru 1');
  });
});

describe('specific (sensitive) data', () => {
  it('is read and written only by the case team and unit head; reads are audited; values never reach the audit log', async () => {
    const put = await t.request(as('peksos.soeharso'), {
      method: 'PUT',
      url: `/api/v1/people/${budiId}/sensitive`,
      payload: { hivStatus: 'reaktif', healthNotes: 'Kontrol rutin', version: 0 },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ hivStatus: 'reaktif', version: 1 });
    const read = await get('kepala.soeharso', `/api/v1/people/${budiId}/sensitive`);
    expect(read.json().hivStatus).toBe('reaktif');
    expect((await get('ska.soeharso', `/api/v1/people/${budiId}/sensitive`)).statusCode).toBe(403);
    expect((await get('pusat', `/api/v1/people/${budiId}/sensitive`)).statusCode).toBe(403);
    const p = (await get('ska.soeharso', `/api/v1/people/${budiId}`)).json();
    expect(p.mayReadSensitive).toBe(false);
    const audit = await queryRows<{ action: string; actor_username: string; changes: unknown }>(
      t.database.db,
      sql`select action, actor_username, changes from audit_event where entity = 'person_sensitive' order by id`,
    );
    expect(audit.map((a) => [a.action, a.actor_username])).toEqual([
      ['insert', 'peksos.soeharso'],
      ['read', 'peksos.soeharso'],
      ['read', 'kepala.soeharso'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('reaktif');
    const stale = await t.request(as('peksos.soeharso'), {
      method: 'PUT',
      url: `/api/v1/people/${budiId}/sensitive`,
      payload: { hivStatus: 'non-reaktif', version: 0 },
    });
    expect(stale.statusCode).toBe(409);
  });
});

// Last: it links a person of one unit to another, which the scope tests above must not see.
describe('listing a unit', () => {
  it("lists a unit's people in name order with those another unit registered but this one serves", async () => {
    const served = await t.request(as('peksos.handayani'), {
      method: 'POST',
      url: '/api/v1/people',
      payload: {
        fullName: 'Aan Kurniawan',
        sex: 'L',
        birthDate: '1990-02-02',
        noNikReason: 'belum punya KTP',
        confirmNew: true,
      },
    });
    expect(served.statusCode).toBe(201);
    const servedId = served.json().id as string;
    const ids = (r: { items: { id: string }[] }) => r.items.map((p) => p.id);
    expect(ids((await get('peksos.soeharso', '/api/v1/people?limit=100')).json())).not.toContain(servedId);
    const [soeharso] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from unit where code = 'SOEHARSO'`,
    );
    await queryRows(
      t.database.db,
      sql`insert into person_unit (person_id, unit_id, reason) values (${servedId}::uuid, ${soeharso?.id}::uuid, 'serves')`,
    );
    const all = (await get('peksos.soeharso', '/api/v1/people?limit=100')).json();
    // "Aan …" sorts first: the linked person comes before the unit's own people, and is counted.
    expect(all.items[0].id).toBe(servedId);
    expect(all.items[0].registeredUnit.code).toBe('HANDAYANI');
    const names = all.items.map((p: { fullName: string }) => p.fullName.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(all.total).toBe(all.items.length);
    // Page by page, one at a time, gives the same list.
    const paged: string[] = [];
    let cursor = '';
    for (let i = 0; i < all.items.length + 1; i++) {
      const page = (
        await get('peksos.soeharso', `/api/v1/people?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      paged.push(...ids(page));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(ids(all));
    // Headquarters filtering on the unit sees the same people; filters still apply.
    const hq = (await get('pusat', `/api/v1/people?unit=${soeharso?.id}&limit=100`)).json();
    expect(ids(hq)).toEqual(ids(all));
    const men = (await get('peksos.soeharso', '/api/v1/people?sex=L&limit=100')).json();
    expect(ids(men)).toContain(servedId);
    expect(men.items.every((p: { sex: string }) => p.sex === 'L')).toBe(true);
  });

  it('finds people by a street name page by page, and not those of another unit', async () => {
    const register = async (user: string, fullName: string, alias: string) => {
      const res = await t.request(as(user), {
        method: 'POST',
        url: '/api/v1/people',
        payload: { fullName, aliases: [alias], sex: 'L', noNikReason: 'belum punya KTP', confirmNew: true },
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const own = [
      await register('peksos.soeharso', 'Zulkifli Harahap', 'Ucok Medan'),
      await register('peksos.soeharso', 'Yohanes Sitompul', 'Ucok'),
      await register('peksos.soeharso', 'Wahyu Siregar', 'ucok-ucok'),
    ];
    const other = await register('peksos.handayani', 'Vino Simanjuntak', 'Ucok');
    const first = (await get('peksos.soeharso', '/api/v1/people?q=Ucok&limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(3);
    const second = (
      await get('peksos.soeharso', `/api/v1/people?q=Ucok&limit=2&cursor=${first.nextCursor}`)
    ).json();
    const found = [...first.items, ...second.items].map((p: { id: string }) => p.id);
    expect(found.sort()).toEqual([...own].sort());
    expect(second.nextCursor).toBeNull();
    const hq = (await get('pusat', '/api/v1/people?q=ucok&limit=10')).json();
    expect(hq.items.map((p: { id: string }) => p.id)).toContain(other);
    expect(hq.total).toBe(4);
  });
});

describe('searching by words: corrections, any word order, street names', () => {
  const register = async (user: string, fullName: string, aliases: string[] = []) => {
    const res = await post(user, {
      fullName,
      aliases,
      sex: 'P',
      noNikReason: 'belum punya KTP',
      confirmNew: true,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  type Item = { id: string; score: number | null };
  const ids = (body: { items: Item[] }) => body.items.map((p) => p.id);
  let nurhaliza = '';
  let kartika = '';

  beforeAll(async () => {
    nurhaliza = await register('peksos.soeharso', 'Siti Nurhaliza Tarigan', ['Mak Ijah']);
    kartika = await register('peksos.soeharso', 'Kartika Nurhaliza Ginting');
    // Another unit's person: a word only she has, and a word she shares with ours.
    await register('peksos.handayani', 'Theresia Wulandari Pangaribuan', ['Mak Ijah']);
  });

  it('corrects a misspelt word to the nearest name word and says what it searched for', async () => {
    const res = await get('peksos.soeharso', '/api/v1/people?q=Siti%20Nurhalisa');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(ids(body)).toEqual([nurhaliza]);
    expect(body.searchedFor).toBe('siti nurhaliza');
    // The text as typed, when it matches, is searched as typed.
    expect((await get('peksos.soeharso', '/api/v1/people?q=Siti%20Nurhaliza')).json().searchedFor).toBeNull();
  });

  it('finds every word of the text in any order, the last one as it is being typed', async () => {
    const family = (await get('peksos.soeharso', '/api/v1/people?q=nurhaliza')).json();
    expect(ids(family).sort()).toEqual([nurhaliza, kartika].sort());
    expect(family.total).toBe(2);
    expect(family.searchedFor).toBeNull();
    // Name order, so the page is the same however the rows were found.
    expect(family.items[0].id).toBe(kartika);
    expect(ids((await get('peksos.soeharso', '/api/v1/people?q=tarigan%20siti')).json())).toEqual([
      nurhaliza,
    ]);
    expect(ids((await get('peksos.soeharso', '/api/v1/people?q=nurhaliza%20gin')).json())).toEqual([kartika]);
    expect(ids((await get('peksos.soeharso', '/api/v1/people?q=ijah')).json())).toEqual([nurhaliza]);
  });

  it('finds a word misspelt as another name word ("hary" for "hari"), best match first', async () => {
    const hari = await register('peksos.soeharso', 'Hari Eko Sutrisno');
    await register('peksos.soeharso', 'Hary Wibowo');
    const res = (await get('peksos.soeharso', '/api/v1/people?q=hary%20eko%20sutrisno')).json();
    expect(ids(res)[0]).toBe(hari);
    expect(res.items[0].score).toBeGreaterThan(0.5);
    expect(res.searchedFor).toBeNull();
  });

  it('pages through a word match with a cursor, each person once', async () => {
    const first = (await get('peksos.soeharso', '/api/v1/people?q=nurhaliza&limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = (
      await get('peksos.soeharso', `/api/v1/people?q=nurhaliza&limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect([...ids(first), ...ids(second)].sort()).toEqual([nurhaliza, kartika].sort());
    expect(second.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify({ s: null, n: 'a', i: nurhaliza, t: 'everything' })).toString(
      'base64url',
    );
    expect((await get('peksos.soeharso', `/api/v1/people?q=nurhaliza&cursor=${forged}`)).statusCode).toBe(
      400,
    );
  });

  it("never finds or hints at another unit's people, while headquarters finds them", async () => {
    // "pangaribuan" is a name word, but only of a person this unit may not see.
    const res = (await get('peksos.soeharso', '/api/v1/people?q=pangaribuan')).json();
    expect(res.items).toEqual([]);
    expect(res.total).toBe(0);
    const typo = (await get('peksos.soeharso', '/api/v1/people?q=pangaribuwan')).json();
    expect(typo.items).toEqual([]);
    expect(typo.searchedFor ?? null).toBeNull();
    const mak = (await get('peksos.soeharso', '/api/v1/people?q=mak%20ijah')).json();
    expect(ids(mak)).toEqual([nurhaliza]);
    const hq = (await get('pusat', '/api/v1/people?q=pangaribuwan')).json();
    expect(hq.items).toHaveLength(1);
    expect(hq.searchedFor).toBe('pangaribuan');
  });

  it('learns the words of a renamed person at once', async () => {
    const before = (await get('peksos.soeharso', '/api/v1/people?q=sembiring')).json();
    expect(before.items).toEqual([]);
    const current = (await get('peksos.soeharso', `/api/v1/people/${kartika}`)).json();
    const res = await t.request(as('peksos.soeharso'), {
      method: 'PATCH',
      url: `/api/v1/people/${kartika}`,
      payload: {
        fullName: 'Kartika Sembiring',
        sex: 'P',
        noNikReason: 'belum punya KTP',
        version: current.version,
      },
    });
    expect(res.json()).toMatchObject({ fullName: 'Kartika Sembiring' });
    const after = (await get('peksos.soeharso', '/api/v1/people?q=sembirink')).json();
    expect(ids(after)).toEqual([kartika]);
    expect(after.searchedFor).toBe('sembiring');
  });
});

describe("the search's orderings follow every change (unit_person, person_word)", () => {
  type Item = { id: string; fullName: string };
  const ids = (body: { items: Item[] }) => body.items.map((p) => p.id);
  const register = async (user: string, fullName: string, aliases: string[] = []) => {
    const res = await post(user, {
      fullName,
      aliases,
      sex: 'L',
      noNikReason: 'belum punya KTP',
      confirmNew: true,
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const rename = async (id: string, fullName: string, aliases: string[]) => {
    const current = (await get('pusat', `/api/v1/people/${id}`)).json();
    const res = await t.request(as('kepala.soeharso'), {
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      payload: { fullName, aliases, sex: 'L', noNikReason: 'belum punya KTP', version: current.version },
    });
    expect(res.statusCode).toBe(200);
  };

  it('a person served by another unit is listed and found there, under a new name at once, and gone with the link', async () => {
    const id = await register('peksos.soeharso', 'Qomaruddin Lubis', ['Cak Ujang']);
    const handayani = () => get('peksos.handayani', '/api/v1/people?q=qomar');
    expect((await handayani()).json().items).toEqual([]);
    await queryRows(
      t.database.db,
      sql`insert into person_unit (person_id, unit_id, reason) values (${id}::uuid, ${unitIds.HANDAYANI}::uuid, 'serves')`,
    );
    expect(ids((await handayani()).json())).toEqual([id]);
    // By a street name too (the word tier): the serving unit finds the person another unit registered.
    expect(ids((await get('peksos.handayani', '/api/v1/people?q=ujang%20cak')).json())).toEqual([id]);
    const listed = (await get('peksos.handayani', '/api/v1/people?limit=100')).json();
    expect(ids(listed)).toContain(id);
    expect(ids((await get('pusat', '/api/v1/people?q=cak%20ujang')).json())).toContain(id);
    await rename(id, 'Rahmat Qomaruddin Lubis', ['Bang Rahmat']);
    // The serving unit finds the new name as a prefix, in its name order, and no longer the old one.
    const renamed = (await get('peksos.handayani', '/api/v1/people?q=rahmat%20qom')).json();
    expect(ids(renamed)).toEqual([id]);
    expect(renamed.searchedFor).toBeNull();
    const relisted = (await get('peksos.handayani', '/api/v1/people?limit=100')).json();
    const names = relisted.items.map((p: Item) => p.fullName.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(names).toContain('rahmat qomaruddin lubis');
    // Headquarters' word search learnt the new alias and forgot the old one.
    expect(ids((await get('pusat', '/api/v1/people?q=bang%20rahmat')).json())).toContain(id);
    expect(ids((await get('pusat', '/api/v1/people?q=cak%20ujang')).json())).not.toContain(id);
    await queryRows(
      t.database.db,
      sql`delete from person_unit where person_id = ${id}::uuid and unit_id = ${unitIds.HANDAYANI}::uuid`,
    );
    expect((await get('peksos.handayani', '/api/v1/people?q=rahmat')).json().items).toEqual([]);
    expect(ids((await get('peksos.handayani', '/api/v1/people?limit=100')).json())).not.toContain(id);
    // The registering unit keeps the person.
    expect(ids((await get('peksos.soeharso', '/api/v1/people?q=rahmat%20qomaruddin')).json())).toEqual([id]);
  });

  it('headquarters pages through a common street name in name order, and a merged record leaves it', async () => {
    const made = [
      await register('peksos.soeharso', 'Utomo Gepenk Satu', ['Si Gepenk']),
      await register('peksos.handayani', 'Arif Gepenk Dua', ['Si Gepenk']),
      await register('peksos.soeharso', 'Mulyono Tiga', ['Si Gepenk']),
    ];
    const seen: Item[] = [];
    let cursor = '';
    for (let i = 0; i < 4; i++) {
      const page = (
        await get('pusat', `/api/v1/people?q=si%20gepenk&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      if (i === 0) expect(page.total).toBe(3);
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.map((p) => p.id).sort()).toEqual([...made].sort());
    expect(seen.map((p) => p.fullName)).toEqual(['Arif Gepenk Dua', 'Mulyono Tiga', 'Utomo Gepenk Satu']);
    // Merge the third into the first: the merged record is no longer found by its words.
    const [a, b] = await Promise.all(
      [made[0], made[2]].map(async (id) => (await get('pusat', `/api/v1/people/${id}`)).json()),
    );
    const merged = await t.request(as('pusat'), {
      method: 'POST',
      url: '/api/v1/people/merge',
      payload: {
        survivorId: a.id,
        mergedId: b.id,
        reason: 'Satu orang yang sama',
        survivorVersion: a.version,
        mergedVersion: b.version,
      },
    });
    expect(merged.statusCode).toBe(201);
    const after = (await get('pusat', '/api/v1/people?q=si%20gepenk')).json();
    expect(ids(after).sort()).toEqual([made[0], made[1]].sort());
    expect(after.total).toBe(2);
    // The survivor took the merged record's name as an alias, so its words now find the survivor.
    expect(ids((await get('pusat', '/api/v1/people?q=mulyono')).json())).toEqual([made[0]]);
  });

  it('filters on what the person record says now: clusters, PPKS, sex, birth date and area, edited', async () => {
    const created = await post('peksos.soeharso', {
      fullName: 'Xaverius Projeksi',
      sex: 'L',
      birthDate: '2015-06-01',
      areaCode: '33.72',
      clusters: ['anak'],
      ppks: [1],
      noNikReason: 'belum punya KTP',
      confirmNew: true,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const found = async (user: string, filter: string) =>
      ids((await get(user, `/api/v1/people?q=xaverius&${filter}`)).json()).includes(id);
    for (const user of ['peksos.soeharso', 'pusat']) {
      expect(await found(user, 'cluster=anak&ppks=1&sex=L&ageMax=17&area=33.72')).toBe(true);
      expect(await found(user, 'cluster=lanjut_usia')).toBe(false);
      expect(await found(user, 'sex=P')).toBe(false);
    }
    const current = (await get('peksos.soeharso', `/api/v1/people/${id}`)).json();
    const edit = await t.request(as('peksos.soeharso'), {
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      payload: {
        fullName: 'Xaverius Projeksi',
        sex: 'P',
        birthDate: '1950-06-01',
        areaCode: '35.78',
        clusters: ['lanjut_usia'],
        ppks: [2],
        noNikReason: 'belum punya KTP',
        version: current.version,
      },
    });
    expect(edit.statusCode).toBe(200);
    for (const user of ['peksos.soeharso', 'pusat']) {
      expect(await found(user, 'cluster=lanjut_usia&ppks=2&sex=P&ageMin=60&area=35.78')).toBe(true);
      expect(await found(user, 'cluster=anak')).toBe(false);
      expect(await found(user, 'ppks=1')).toBe(false);
      expect(await found(user, 'area=33.72')).toBe(false);
      expect(await found(user, 'ageMax=17')).toBe(false);
    }
    // A listing without a name, as the list page opens: counted from the same range.
    const listed = (
      await get('peksos.soeharso', '/api/v1/people?cluster=lanjut_usia&ppks=2&limit=100')
    ).json();
    expect(ids(listed)).toContain(id);
    expect(listed.total).toBe(listed.items.length);
  });

  it('keeps both orderings out of reach of a unit, except its own people in name order', async () => {
    const actor = (unit: string | undefined) => ({
      userId: null,
      username: 'test',
      role: 'pekerja_sosial',
      unitId: unit ?? null,
      ip: null,
      requestId: null,
      scope: 'unit' as const,
    });
    const read = (unit: string | undefined, query: ReturnType<typeof sql>) =>
      withActorTransaction(t.database.db, actor(unit), (tx) => queryRows<{ n: number }>(tx, query));
    const words = await read(unitIds.SOEHARSO, sql`select count(*)::int as n from person_word`);
    expect(words[0]?.n).toBe(0);
    const others = await read(
      unitIds.HANDAYANI,
      sql`select count(*)::int as n from unit_person where unit_id <> ${unitIds.HANDAYANI}::uuid`,
    );
    expect(others[0]?.n).toBe(0);
    const own = await read(unitIds.SOEHARSO, sql`select count(*)::int as n from unit_person`);
    const [registered] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(distinct pu.person_id)::int as n from person_unit pu join person p on p.id = pu.person_id
          where pu.unit_id = ${unitIds.SOEHARSO}::uuid and p.merged_into_id is null`,
    );
    expect(own[0]?.n).toBe(registered?.n);
    expect(own[0]?.n).toBeGreaterThan(0);
    // The definer that finds a unit's linked people by a word answers for the caller's own unit only.
    const foreign = await withActorTransaction(t.database.db, actor(unitIds.HANDAYANI), (tx) =>
      tx.execute(sql`select atensi_unit_linked_word(${unitIds.SOEHARSO}::uuid, 'siti')`),
    ).catch((e: Error) => e);
    expect(String((foreign as Error).cause)).toMatch(/not the caller's/);
    // Nor may a request write them: only the triggers do.
    const failure = await withActorTransaction(t.database.db, actor(unitIds.SOEHARSO), (tx) =>
      tx.execute(
        sql`insert into person_word (word, name_norm, person_id) values ('x', 'x', gen_random_uuid())`,
      ),
    ).catch((e: Error) => e);
    expect(String((failure as Error).cause)).toMatch(/permission denied/);
  });
});
