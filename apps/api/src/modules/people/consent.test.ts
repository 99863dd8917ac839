import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { withActorTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../lib/context.ts';
import { todayWib } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { assertConsent } from './consent.service.ts';

let t: TestApp;
let dataDir = '';
const c: Record<string, string> = {};
const as = (u: string) => c[u] ?? '';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

async function register(payload: object): Promise<string> {
  const res = await t.request(as('peksos.soeharso'), {
    method: 'POST',
    url: '/api/v1/people',
    payload: { sex: 'L', confirmNew: true, ...payload },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function uploadPdf(personId: string, kind: string): Promise<string> {
  const b = 'XconsentBoundary';
  const payload = Buffer.concat([
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="form.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    PDF,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  const res = await t.request(as('peksos.soeharso'), {
    method: 'POST',
    url: `/api/v1/people/${personId}/documents`,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const consent = (user: string, personId: string, payload: object) =>
  t.request(as(user), { method: 'POST', url: `/api/v1/people/${personId}/consents`, payload });
const list = (user: string, personId: string) =>
  t.request(as(user), { method: 'GET', url: `/api/v1/people/${personId}/consents` });
const fields = (res: { json(): { details?: { field: string }[] } }) =>
  (res.json().details ?? []).map((d) => d.field);

// The date the server records "now" on (WIB): after 17:00 UTC it is the UTC tomorrow.
const today = todayWib();
const verbal = { givenBy: 'self', method: 'verbal_witnessed', witnessName: 'Sri Lestari', givenAt: today };

let adultId = '';
let childId = '';
let guardedId = '';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'atensi-consent-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  for (const u of ['pusat', 'peksos.soeharso', 'peksos.handayani']) c[u] = await t.login(u);
  adultId = await register({ fullName: 'Joko Persetujuan', birthDate: '1980-05-05' });
  const tenYearsAgo = `${new Date().getUTCFullYear() - 10}-01-15`;
  childId = await register({
    fullName: 'Adik Persetujuan',
    birthDate: tenYearsAgo,
    relations: [{ name: 'Ibu Adik', relationship: 'ibu' }],
  });
  guardedId = await register({
    fullName: 'Dewasa Berwali',
    birthDate: '1975-01-01',
    relations: [{ name: 'Pak Wali', relationship: 'paman', isGuardian: true }],
  });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('recording consent', () => {
  it('records an adult’s witnessed verbal consent, lists it with the current purposes, and audits it', async () => {
    const res = await consent('peksos.soeharso', adultId, { ...verbal, purposes: ['services', 'referral'] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.currentPurposes).toEqual(['services', 'referral']);
    expect(body.guardianRequired).toBe(false);
    expect(body.items[0]).toMatchObject({
      givenBy: 'self',
      method: 'verbal_witnessed',
      witnessName: 'Sri Lestari',
      isActive: true,
      version: 1,
    });
    expect(body.items[0].recordedBy).toBeTruthy();
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event where entity = 'person_consent' and entity_id = ${body.items[0].id}
          and action = 'insert' and actor_username = 'peksos.soeharso'`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('refuses verbal consent without a witness, a date in the future, and an unknown purpose, naming each field', async () => {
    const noWitness = await consent('peksos.soeharso', adultId, {
      ...verbal,
      witnessName: null,
      purposes: ['photo'],
    });
    expect(noWitness.statusCode).toBe(400);
    expect(fields(noWitness)).toEqual(['witnessName']);
    const future = await consent('peksos.soeharso', adultId, {
      ...verbal,
      givenAt: '2999-01-01',
      purposes: ['photo'],
    });
    expect(fields(future)).toEqual(['givenAt']);
    const unknown = await consent('peksos.soeharso', adultId, { ...verbal, purposes: ['marketing'] });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)[0]).toMatch(/^purposes/);
    expect((await list('peksos.soeharso', adultId)).json().items).toHaveLength(1);
  });

  it('requires a signed form to be a consent_form document of this person', async () => {
    const signed = { givenBy: 'self', method: 'signed_form', givenAt: today, purposes: ['data_sharing'] };
    const none = await consent('peksos.soeharso', adultId, signed);
    expect(fields(none)).toEqual(['documentId']);
    const ktp = await uploadPdf(adultId, 'ktp');
    const wrongKind = await consent('peksos.soeharso', adultId, { ...signed, documentId: ktp });
    expect(fields(wrongKind)).toEqual(['documentId']);
    const otherPersonsForm = await uploadPdf(guardedId, 'consent_form');
    const wrongPerson = await consent('peksos.soeharso', adultId, {
      ...signed,
      documentId: otherPersonsForm,
    });
    expect(fields(wrongPerson)).toEqual(['documentId']);
    const form = await uploadPdf(adultId, 'consent_form');
    const ok = await consent('peksos.soeharso', adultId, { ...signed, documentId: form });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().currentPurposes).toEqual(['services', 'referral', 'data_sharing']);
    expect(ok.json().items.find((i: { documentId: string | null }) => i.documentId === form)).toBeTruthy();
  });
});

describe('the guardian rule', () => {
  it('refuses a child’s own consent with CONSENT_GUARDIAN_REQUIRED and accepts their guardian’s', async () => {
    const self = await consent('peksos.soeharso', childId, { ...verbal, purposes: ['services'] });
    expect(self.statusCode).toBe(400);
    expect(self.json().code).toBe('CONSENT_GUARDIAN_REQUIRED');
    expect(fields(self)).toEqual(['givenBy']);
    const nameless = await consent('peksos.soeharso', childId, {
      ...verbal,
      givenBy: 'guardian',
      purposes: ['services'],
    });
    expect(fields(nameless)).toEqual(['guardianRelationId']);
    const listed = (await list('peksos.soeharso', childId)).json();
    expect(listed.guardianRequired).toBe(true);
    const mother = listed.guardianOptions.find((o: { name: string }) => o.name === 'Ibu Adik');
    const ok = await consent('peksos.soeharso', childId, {
      ...verbal,
      givenBy: 'guardian',
      guardianRelationId: mother.relationId,
      purposes: ['services', 'photo'],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().items[0]).toMatchObject({ givenBy: 'guardian', guardianName: 'Ibu Adik' });
    expect(ok.json().currentPurposes).toEqual(['services', 'photo']);
  });

  it('applies to an adult with a guardian, and refuses a relation that is not theirs', async () => {
    const self = await consent('peksos.soeharso', guardedId, { ...verbal, purposes: ['services'] });
    expect(self.json().code).toBe('CONSENT_GUARDIAN_REQUIRED');
    const childsMother = (await list('peksos.soeharso', childId)).json().guardianOptions[0].relationId;
    const foreign = await consent('peksos.soeharso', guardedId, {
      ...verbal,
      givenBy: 'guardian',
      guardianRelationId: childsMother,
      purposes: ['services'],
    });
    expect(fields(foreign)).toEqual(['guardianRelationId']);
    const byName = await consent('peksos.soeharso', guardedId, {
      ...verbal,
      givenBy: 'guardian',
      guardianName: 'Pak Wali',
      purposes: ['services'],
    });
    expect(byName.statusCode).toBe(201);
  });
});

describe('withdrawing consent', () => {
  it('withdraws with a reason, drops its purposes, audits it, and refuses a second or stale withdrawal', async () => {
    const before = (await list('peksos.soeharso', adultId)).json();
    const verbalOne = before.items.find((i: { method: string }) => i.method === 'verbal_witnessed');
    const url = `/api/v1/people/${adultId}/consents/${verbalOne.id}/withdraw`;
    const stale = await t.request(as('peksos.soeharso'), {
      method: 'POST',
      url,
      payload: { reason: 'Tidak ingin dirujuk', version: 99 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const res = await t.request(as('peksos.soeharso'), {
      method: 'POST',
      url,
      payload: { reason: 'Tidak ingin dirujuk', version: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().currentPurposes).toEqual(['data_sharing']);
    const withdrawn = res.json().items.find((i: { id: string }) => i.id === verbalOne.id);
    expect(withdrawn).toMatchObject({ isActive: false, withdrawnReason: 'Tidak ingin dirujuk', version: 2 });
    expect(withdrawn.withdrawnAt).toBeTruthy();
    const again = await t.request(as('peksos.soeharso'), {
      method: 'POST',
      url,
      payload: { reason: 'Tidak ingin dirujuk', version: 2 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONSENT_ALREADY_WITHDRAWN');
    const audit = await queryRows<{ changes: Record<string, unknown> }>(
      t.database.db,
      sql`select changes from audit_event where entity = 'person_consent' and entity_id = ${verbalOne.id} and action = 'update'`,
    );
    expect(audit).toHaveLength(1);
    expect(Object.keys(audit[0]?.changes ?? {})).toEqual(
      expect.arrayContaining(['withdrawn_at', 'withdrawn_reason']),
    );
  });
});

describe('scope', () => {
  it("answers 404 to another unit's social worker on list, record and withdraw", async () => {
    expect((await list('peksos.handayani', adultId)).statusCode).toBe(404);
    const rec = await consent('peksos.handayani', adultId, { ...verbal, purposes: ['services'] });
    expect(rec.statusCode).toBe(404);
    const anyConsent = (await list('peksos.soeharso', adultId)).json().items[0];
    const wd = await t.request(as('peksos.handayani'), {
      method: 'POST',
      url: `/api/v1/people/${adultId}/consents/${anyConsent.id}/withdraw`,
      payload: { reason: 'coba tarik', version: anyConsent.version },
    });
    expect(wd.statusCode).toBe(404);
    expect((await list('peksos.soeharso', adultId)).json().items).toHaveLength(2);
    expect((await list('pusat', adultId)).statusCode).toBe(200);
  });
});

describe('assertConsent', () => {
  const ctxFor = (db: Ctx['db'], lang: 'id' | 'en'): Ctx =>
    ({
      db,
      actor: { userId: null, username: 'test', role: 'operator_pusat', unitId: null },
      scope: 'all',
      log: console,
      meta: { ip: '127.0.0.1', requestId: 'test', lang, userAgent: null },
    }) as unknown as Ctx;

  it('passes for a consented purpose and throws CONSENT_MISSING naming a withdrawn or missing one', async () => {
    await withActorTransaction(
      t.database.db,
      {
        userId: null,
        username: 'test',
        role: 'operator_pusat',
        unitId: null,
        ip: null,
        requestId: null,
        scope: 'all',
      },
      async (tx) => {
        await expect(assertConsent(ctxFor(tx, 'en'), adultId, 'data_sharing')).resolves.toBeUndefined();
        for (const purpose of ['referral', 'fundraising'] as const) {
          const err = await assertConsent(ctxFor(tx, 'en'), adultId, purpose).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('CONSENT_MISSING');
          expect((err as AppError).status).toBe(409);
          expect((err as AppError).details?.[0]).toMatchObject({ field: 'purpose', issue: purpose });
        }
      },
    );
  });
});
