// A person's documents and photo: upload (type decided by content), list, read (audited), soft delete.
// Uploads and deletes are audited by the person_document trigger; reads are audited here.
import {
  DOCUMENT_MIME_TYPES,
  IMAGE_MIME_TYPES,
  type TDocumentKind,
  type TErrorDetail,
  type TPersonDocument,
  type TPersonDocumentList,
} from '@atensi/contracts';
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { queryRows } from '../../db/client.ts';
import { appUser, person, personDocument } from '../../db/schema.ts';
import { auditRead } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import type { FileStore } from './storage.ts';

type Mime = (typeof DOCUMENT_MIME_TYPES)[number];
type Lang = Ctx['meta']['lang'];

/** Medical documents are specific data: only the case team and the head of unit handle them. */
const MEDICAL_ROLES = new Set(['kepala_upt', 'pekerja_sosial']);
const EXTENSION: Record<Mime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

export function fieldProblem(field: string, issue: string, id: string, en: string, lang: Lang): TErrorDetail {
  return { field, issue, message: `${field}: ${lang === 'id' ? id : en}` };
}

/**
 * The person, if the actor may see them: the service's own unit check on top of row-level security.
 * Another unit's person answers 404, never 403, so existence does not leak.
 */
export async function findVisiblePerson(ctx: Ctx, personId: string) {
  const u = ctx.actor.unitId;
  const scoped =
    ctx.scope === 'all'
      ? sql`true`
      : u
        ? sql`(${person.registeredUnitId} = ${u}::uuid or exists (select 1 from person_unit pu where pu.person_id = ${person.id} and pu.unit_id = ${u}::uuid))`
        : sql`false`;
  const rows = await ctx.db
    .select({ id: person.id, birthDate: person.birthDate, mergedIntoId: person.mergedIntoId })
    .from(person)
    .where(and(eq(person.id, personId), scoped))
    .limit(1);
  const found = rows[0];
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

function mayHandleMedical(ctx: Ctx): boolean {
  return MEDICAL_ROLES.has(ctx.actor.role) && ctx.scope !== 'all';
}

/** A safe download name: no path, no control characters, and the extension of the detected type. */
export function downloadName(clientName: string | undefined, kind: TDocumentKind, mime: Mime): string {
  const base = (clientName ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 120);
  return `${cleaned || kind}.${EXTENSION[mime]}`;
}

type DocRow = typeof personDocument.$inferSelect & { uploadedByName: string | null };

function toDocument(r: DocRow): TPersonDocument {
  return {
    id: r.id,
    personId: r.personId,
    kind: r.kind as TDocumentKind,
    fileName: r.fileName,
    mimeType: r.mimeType as Mime,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    uploadedBy: r.uploadedByName,
    createdAt: r.createdAt.toISOString(),
  };
}

async function findDocuments(ctx: Ctx, personId: string, docId?: string): Promise<DocRow[]> {
  const rows = await ctx.db
    .select({ doc: personDocument, uploadedByName: appUser.displayName })
    .from(personDocument)
    .leftJoin(appUser, eq(appUser.id, personDocument.uploadedBy))
    .where(
      and(
        eq(personDocument.personId, personId),
        isNull(personDocument.deletedAt),
        docId ? eq(personDocument.id, docId) : undefined,
        mayHandleMedical(ctx) ? undefined : ne(personDocument.kind, 'medical'),
      ),
    )
    .orderBy(desc(personDocument.createdAt), desc(personDocument.id));
  return rows.map((r) => ({ ...r.doc, uploadedByName: r.uploadedByName }));
}

export async function listDocuments(
  ctx: Ctx,
  personId: string,
  maxBytes: number,
): Promise<TPersonDocumentList> {
  await findVisiblePerson(ctx, personId);
  const rows = await findDocuments(ctx, personId);
  return { items: rows.map(toDocument), maxBytes };
}

export type UploadInput = { kind: TDocumentKind; fileName: string | undefined; bytes: Buffer };

export async function uploadDocument(
  ctx: Ctx,
  store: FileStore,
  personId: string,
  input: UploadInput,
): Promise<TPersonDocument> {
  const lang = ctx.meta.lang;
  if (input.kind === 'medical' && !mayHandleMedical(ctx)) throw new AppError('SENSITIVE_FORBIDDEN');
  const p = await findVisiblePerson(ctx, personId);
  if (p.mergedIntoId) throw new AppError('PERSON_MERGED');
  // The content decides the type; the name and the client's Content-Type are not trusted.
  const detected = await fileTypeFromBuffer(input.bytes);
  const mime = DOCUMENT_MIME_TYPES.find((m) => m === detected?.mime);
  if (!mime) {
    throw new AppError('DOCUMENT_TYPE_NOT_ALLOWED', {
      details: [
        fieldProblem(
          'file',
          'type_not_allowed',
          `isi berkas bukan JPEG, PNG, WebP atau PDF${detected ? ` (terdeteksi: ${detected.ext})` : ''}`,
          `the content is not JPEG, PNG, WebP or PDF${detected ? ` (detected: ${detected.ext})` : ''}`,
          lang,
        ),
      ],
    });
  }
  if (input.kind === 'photo' && !(IMAGE_MIME_TYPES as readonly string[]).includes(mime)) {
    throw new AppError('DOCUMENT_TYPE_NOT_ALLOWED', {
      details: [
        fieldProblem(
          'file',
          'not_an_image',
          'foto harus berupa gambar JPEG, PNG atau WebP',
          'a photo must be a JPEG, PNG or WebP image',
          lang,
        ),
      ],
    });
  }
  const { key, sha256 } = await store.put(input.bytes);
  try {
    const [row] = await ctx.db
      .insert(personDocument)
      .values({
        personId,
        kind: input.kind,
        fileName: downloadName(input.fileName, input.kind, mime),
        mimeType: mime,
        sizeBytes: input.bytes.length,
        sha256,
        storageKey: key,
        uploadedBy: ctx.actor.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return toDocument({ ...row, uploadedByName: ctx.actor.displayName });
  } catch (err) {
    // Nothing is saved when the row is not: take the bytes back off the disk.
    await store.remove(key);
    throw err;
  }
}

/** The document to stream, after the scope check; the read is audited (who opened which document). */
export async function readDocument(ctx: Ctx, personId: string, docId: string) {
  await findVisiblePerson(ctx, personId);
  const row = (await findDocuments(ctx, personId, docId))[0];
  if (!row) throw new AppError('NOT_FOUND');
  await auditRead(ctx, 'person_document', docId, { personId, kind: row.kind });
  return {
    storageKey: row.storageKey,
    mimeType: row.mimeType,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
  };
}

/** Soft delete: the row and the bytes stay for history; the trigger audits the change. */
export async function deleteDocument(ctx: Ctx, personId: string, docId: string): Promise<void> {
  await findVisiblePerson(ctx, personId);
  const row = (await findDocuments(ctx, personId, docId))[0];
  if (!row) throw new AppError('NOT_FOUND');
  await ctx.db.update(personDocument).set({ deletedAt: new Date() }).where(eq(personDocument.id, docId));
}

/** For consent: a signed form must be a live consent_form document of this person. */
export async function isConsentForm(ctx: Ctx, personId: string, docId: string): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(
    ctx.db,
    sql`select exists (select 1 from person_document d where d.id = ${docId}::uuid and d.person_id = ${personId}::uuid
        and d.kind = 'consent_form' and d.deleted_at is null) as ok`,
  );
  return Boolean(rows[0]?.ok);
}
