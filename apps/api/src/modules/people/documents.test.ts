import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

const MAX = 100_000;
let t: TestApp;
let dataDir = '';
const c: Record<string, string> = {};
let personId = '';

/** A real PNG: signature, IHDR, one IDAT of a w×h grey image, IEND, with correct CRCs. */
function makePng(w = 4, h = 4): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.from([0, ...Array(w).fill(128)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A small but well-formed one-page PDF. */
function makePdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
      '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
      'trailer <</Root 1 0 R>>\n%%EOF\n',
  );
}

/** A multipart/form-data body as a browser sends it. */
function multipart(
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer; field?: string },
) {
  const boundary = `----atensi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const as = (u: string) => c[u] ?? '';
const upload = (user: string, id: string, kind: string | null, file?: Parameters<typeof multipart>[1]) =>
  t.request(as(user), {
    method: 'POST',
    url: `/api/v1/people/${id}/documents`,
    ...multipart(kind === null ? {} : { kind }, file),
  });
const docCount = async () =>
  (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from person_document`))[0]
    ?.n ?? 0;
const storedFiles = () => {
  const root = path.join(dataDir, 'files');
  if (!existsSync(root)) return 0;
  return readdirSync(root).flatMap((d) => readdirSync(path.join(root, d))).length;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'atensi-docs-'));
  t = await createTestApp({ DATA_DIR: dataDir, UPLOAD_MAX_BYTES: String(MAX) });
  for (const u of ['pusat', 'peksos.soeharso', 'ska.soeharso', 'peksos.handayani']) c[u] = await t.login(u);
  const res = await t.request(as('peksos.soeharso'), {
    method: 'POST',
    url: '/api/v1/people',
    payload: { fullName: 'Dokumen Uji Coba', sex: 'P', birthDate: '1990-02-03', confirmNew: true },
  });
  expect(res.statusCode).toBe(201);
  personId = res.json().id;
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('uploading documents', () => {
  let photoId = '';
  const png = makePng();

  it('stores a photo outside the web root under its hash prefix, with hash, size and type recorded', async () => {
    const res = await upload('peksos.soeharso', personId, 'photo', {
      name: 'wajah.png',
      type: 'image/png',
      bytes: png,
    });
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    photoId = doc.id;
    const sha = createHash('sha256').update(png).digest('hex');
    expect(doc).toMatchObject({ kind: 'photo', mimeType: 'image/png', sizeBytes: png.length, sha256: sha });
    expect(doc.fileName).toBe('wajah.png');
    const [row] = await queryRows<{ storage_key: string; uploaded_by: string | null }>(
      t.database.db,
      sql`select storage_key, uploaded_by from person_document where id = ${photoId}`,
    );
    expect(row?.storage_key).toMatch(new RegExp(`^${sha.slice(0, 2)}/[0-9a-f-]{36}$`));
    expect(existsSync(path.join(dataDir, 'files', row?.storage_key ?? ''))).toBe(true);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event where entity = 'person_document' and entity_id = ${photoId}
          and action = 'insert' and actor_username = 'peksos.soeharso'`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('stores a PDF as application/pdf', async () => {
    const res = await upload('peksos.soeharso', personId, 'ktp', {
      name: 'ktp.pdf',
      type: 'application/pdf',
      bytes: makePdf(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'ktp', mimeType: 'application/pdf', fileName: 'ktp.pdf' });
  });

  it('stores a PNG named .pdf and sent as application/pdf as the PNG it is, renamed .png', async () => {
    const res = await upload('peksos.soeharso', personId, 'kk', {
      name: 'scan-kk.pdf',
      type: 'application/pdf',
      bytes: png,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ mimeType: 'image/png', fileName: 'scan-kk.png' });
  });

  it.each([
    [
      'an HTML page named x.pdf',
      'x.pdf',
      Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
    ],
    ['a Windows program named x.pdf', 'x.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 1)])],
    ['plain text named x.jpg', 'x.jpg', Buffer.from('just some text, not a picture')],
  ])('refuses %s with 400 naming the file field, and stores nothing', async (_label, name, bytes) => {
    const [rows, files] = [await docCount(), storedFiles()];
    const res = await upload('peksos.soeharso', personId, 'other', { name, type: 'application/pdf', bytes });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(res.json().details[0]).toMatchObject({ field: 'file' });
    expect([await docCount(), storedFiles()]).toEqual([rows, files]);
  });

  it('refuses a PDF as a photo: a photo must be an image', async () => {
    const res = await upload('peksos.soeharso', personId, 'photo', {
      name: 'foto.pdf',
      type: 'application/pdf',
      bytes: makePdf(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({ field: 'file', issue: 'not_an_image' });
  });

  it('refuses a file over the size limit with 413 DOCUMENT_TOO_LARGE, and stores nothing', async () => {
    const [rows, files] = [await docCount(), storedFiles()];
    const big = Buffer.concat([makePng(), Buffer.alloc(MAX, 7)]);
    const res = await upload('peksos.soeharso', personId, 'other', {
      name: 'besar.png',
      type: 'image/png',
      bytes: big,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('DOCUMENT_TOO_LARGE');
    expect(res.json().details[0]).toMatchObject({ field: 'file', issue: 'too_big' });
    expect([await docCount(), storedFiles()]).toEqual([rows, files]);
  });

  it('refuses an upload without a kind, with an unknown kind, or without a file, naming the field', async () => {
    const noKind = await upload('peksos.soeharso', personId, null, {
      name: 'a.png',
      type: 'image/png',
      bytes: png,
    });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().details.map((d: { field: string }) => d.field)).toContain('kind');
    const badKind = await upload('peksos.soeharso', personId, 'paspor', {
      name: 'a.png',
      type: 'image/png',
      bytes: png,
    });
    expect(badKind.json().details.map((d: { field: string }) => d.field)).toContain('kind');
    const noFile = await upload('peksos.soeharso', personId, 'ktp');
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().details).toContainEqual(
      expect.objectContaining({ field: 'file', issue: 'required' }),
    );
    const json = await t.request(as('peksos.soeharso'), {
      method: 'POST',
      url: `/api/v1/people/${personId}/documents`,
      payload: { kind: 'ktp' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().details[0]).toMatchObject({ field: 'file' });
  });

  it('lists documents newest first with the size limit, and serves one as an attachment, audited', async () => {
    const list = await t.request(as('peksos.soeharso'), {
      method: 'GET',
      url: `/api/v1/people/${personId}/documents`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().maxBytes).toBe(MAX);
    expect(list.json().items.map((d: { kind: string }) => d.kind)).toEqual(['kk', 'ktp', 'photo']);
    expect(list.json().items[2].uploadedBy).toBeTruthy();

    const file = await t.request(as('peksos.soeharso'), {
      method: 'GET',
      url: `/api/v1/people/${personId}/documents/${photoId}/file`,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="wajah\.png"/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(png)).toBe(true);
    const audit = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_event where entity = 'person_document' and entity_id = ${photoId}
          and action = 'read' and actor_username = 'peksos.soeharso'`,
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('lets headquarters list the documents of any unit', async () => {
    const list = await t.request(as('pusat'), { method: 'GET', url: `/api/v1/people/${personId}/documents` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(3);
  });

  it("answers 404 to another unit's social worker on list, upload, download and delete", async () => {
    const base = `/api/v1/people/${personId}/documents`;
    const before = await docCount();
    expect((await t.request(as('peksos.handayani'), { method: 'GET', url: base })).statusCode).toBe(404);
    const up = await upload('peksos.handayani', personId, 'other', {
      name: 'a.png',
      type: 'image/png',
      bytes: png,
    });
    expect(up.statusCode).toBe(404);
    expect(await docCount()).toBe(before);
    const file = await t.request(as('peksos.handayani'), { method: 'GET', url: `${base}/${photoId}/file` });
    expect(file.statusCode).toBe(404);
    expect(file.rawPayload.equals(png)).toBe(false);
    const del = await t.request(as('peksos.handayani'), { method: 'DELETE', url: `${base}/${photoId}` });
    expect(del.statusCode).toBe(404);
  });

  it('keeps medical documents to the case team: outlet staff cannot upload or see them', async () => {
    const pdf = { name: 'hasil-lab.pdf', type: 'application/pdf', bytes: makePdf() };
    const ska = await upload('ska.soeharso', personId, 'medical', pdf);
    expect(ska.statusCode).toBe(403);
    const peksos = await upload('peksos.soeharso', personId, 'medical', pdf);
    expect(peksos.statusCode).toBe(201);
    const url = `/api/v1/people/${personId}/documents`;
    const seen = (await t.request(as('ska.soeharso'), { method: 'GET', url })).json().items;
    expect(seen.map((d: { kind: string }) => d.kind)).not.toContain('medical');
    const file = await t.request(as('ska.soeharso'), {
      method: 'GET',
      url: `${url}/${peksos.json().id}/file`,
    });
    expect(file.statusCode).toBe(404);
  });

  it('deletes a document softly: no longer listed or served, row kept, change audited', async () => {
    const base = `/api/v1/people/${personId}/documents`;
    const del = await t.request(as('peksos.soeharso'), { method: 'DELETE', url: `${base}/${photoId}` });
    expect(del.statusCode).toBe(200);
    const list = (await t.request(as('peksos.soeharso'), { method: 'GET', url: base })).json();
    expect(list.items.map((d: { id: string }) => d.id)).not.toContain(photoId);
    const file = await t.request(as('peksos.soeharso'), { method: 'GET', url: `${base}/${photoId}/file` });
    expect(file.statusCode).toBe(404);
    const again = await t.request(as('peksos.soeharso'), { method: 'DELETE', url: `${base}/${photoId}` });
    expect(again.statusCode).toBe(404);
    const audit = await queryRows<{ changes: Record<string, unknown> }>(
      t.database.db,
      sql`select changes from audit_event where entity = 'person_document' and entity_id = ${photoId} and action = 'update'`,
    );
    expect(audit).toHaveLength(1);
    expect(Object.keys(audit[0]?.changes ?? {})).toEqual(['deleted_at']);
    const kept = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from person_document where id = ${photoId}`,
    );
    expect(kept[0]?.n).toBe(1);
  });
});
