import {
  ZDocumentParams,
  ZError,
  ZOk,
  ZPersonDocument,
  ZPersonDocumentList,
  ZPersonIdParams,
  ZUploadDocumentFields,
} from '@atensi/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction, requestMeta } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, detailsFromZodIssues } from '../../lib/errors.ts';
import {
  deleteDocument,
  fieldProblem,
  listDocuments,
  readDocument,
  uploadDocument,
} from './documents.service.ts';
import { fileStore } from './storage.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 413: ZError };

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Read the multipart body: form fields and exactly one file in `file`, refused past the size limit. */
async function readUpload(req: FastifyRequest, maxBytes: number) {
  const lang = requestMeta(req).lang;
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; fileName: string } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.fieldname !== 'file') {
        throw new AppError('VALIDATION_FAILED', {
          details: [
            fieldProblem(
              part.fieldname,
              'unknown_field',
              'kolom tidak dikenal',
              'is not a known field',
              lang,
            ),
          ],
        });
      }
      file = { bytes, fileName: part.filename };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    switch ((err as { code?: string }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw new AppError('DOCUMENT_TOO_LARGE', {
          details: [
            fieldProblem(
              'file',
              'too_big',
              `berkas melebihi ${megabytes(maxBytes)}`,
              `the file is over ${megabytes(maxBytes)}`,
              lang,
            ),
          ],
        });
      case 'FST_FILES_LIMIT':
        throw new AppError('VALIDATION_FAILED', {
          details: [fieldProblem('file', 'too_many', 'kirim satu berkas saja', 'send one file only', lang)],
        });
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw new AppError('VALIDATION_FAILED', {
          details: [
            fieldProblem(
              'file',
              'required',
              'kirim berkas sebagai multipart/form-data',
              'send the file as multipart/form-data',
              lang,
            ),
          ],
        });
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
      case 'FST_PROTO_VIOLATION':
        throw new AppError('VALIDATION_FAILED');
      default:
        throw err;
    }
  }
  const parsed = ZUploadDocumentFields.safeParse(fields);
  const problems = parsed.success ? [] : detailsFromZodIssues(parsed.error.issues, lang);
  if (!file || file.bytes.length === 0) {
    problems.push(fieldProblem('file', 'required', 'pilih berkas', 'choose a file', lang));
  }
  if (!parsed.success || !file || problems.length)
    throw new AppError('VALIDATION_FAILED', { details: problems });
  return { kind: parsed.data.kind, fileName: file.fileName, bytes: file.bytes };
}

/** Header value for a download: an ASCII fallback name and the exact name in UTF-8 (RFC 6266). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const documentsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const maxBytes = deps.config.UPLOAD_MAX_BYTES;
  const store = fileStore(deps.config.DATA_DIR);
  // Multipart is parsed only on this plugin's routes; every other route keeps JSON only.
  await app.register(fastifyMultipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1000 },
    throwFileSizeLimit: true,
  });

  app.get(
    '/people/:id/documents',
    {
      schema: {
        tags: ['people'],
        summary: "A person's documents and photos (medical ones only for the case team and unit head)",
        params: ZPersonIdParams,
        response: { 200: ZPersonDocumentList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => listDocuments(ctx, req.params.id, maxBytes)),
  );
  app.post(
    '/people/:id/documents',
    {
      schema: {
        tags: ['people'],
        summary:
          'Upload one document or photo (multipart/form-data: `kind`, then `file`); JPEG, PNG, WebP or PDF by content, size-limited',
        params: ZPersonIdParams,
        response: { 201: ZPersonDocument, ...errors },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, maxBytes);
      const created = await inTransaction(db, req, (ctx) =>
        uploadDocument(ctx, store, req.params.id, upload),
      );
      return reply.status(201).send(created);
    },
  );
  app.get(
    '/people/:id/documents/:docId/file',
    {
      schema: {
        tags: ['people'],
        summary: 'The file itself, as an attachment with its detected type; every read is audited',
        params: ZDocumentParams,
        response: { 200: z.unknown().describe('The file bytes'), ...errors },
      },
    },
    async (req, reply) => {
      const doc = await inTransaction(db, req, (ctx) => readDocument(ctx, req.params.id, req.params.docId));
      const stream = await store.open(doc.storageKey);
      return reply
        .header('content-type', doc.mimeType)
        .header('content-length', doc.sizeBytes)
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(stream);
    },
  );
  app.delete(
    '/people/:id/documents/:docId',
    {
      schema: {
        tags: ['people'],
        summary: 'Delete a document (kept for history, no longer listed or served); audited',
        params: ZDocumentParams,
        response: { 200: ZOk, ...errors },
      },
    },
    async (req) => {
      await inTransaction(db, req, (ctx) => deleteDocument(ctx, req.params.id, req.params.docId));
      return { ok: true as const };
    },
  );
};
