import {
  ZError,
  ZImportErrorsQuery,
  ZImportIdParams,
  ZImportJob,
  ZImportJobList,
  ZImportPreview,
  ZImportPreviewQuery,
  ZPeopleExportQuery,
  ZPutImportMappingRequest,
  ZUploadImportQuery,
} from '@atensi/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction, requestMeta } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { exportFileName, exportPeople, exportStream } from './export.service.ts';
import {
  errorsCsv,
  getImport,
  IMPORT_MAX_BYTES,
  importStore,
  listImports,
  previewImport,
  putMapping,
  queueRun,
  uploadImport,
} from './import.service.ts';
import { type JobActor, resumeImports, startImport, stopImports } from './import.worker.ts';

const ZFile = z.unknown().describe('The file');
const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 413: ZError };

function jobActor(req: FastifyRequest): JobActor {
  if (!req.actor || !req.scope) throw new AppError('AUTH_REQUIRED');
  const meta = requestMeta(req);
  return {
    userId: req.actor.userId,
    username: req.actor.username,
    role: req.actor.role,
    unitId: req.actor.unitId,
    ip: meta.ip,
    requestId: meta.requestId,
    scope: req.scope,
  };
}

export const peopleImportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const store = importStore(deps.config.DATA_DIR);
  if (!app.hasContentTypeParser('multipart/form-data')) {
    await app.register(fastifyMultipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5 } });
  }
  // Jobs a stopped or crashed process left running carry on; on shutdown the open batch finishes first.
  app.addHook('onReady', async () => {
    await resumeImports(db, store.load, app.log);
  });
  app.addHook('onClose', () => stopImports(db));

  app.post(
    '/people/imports',
    {
      schema: {
        tags: ['people'],
        summary:
          'Upload a CSV or XLSX of people (multipart, field "file", up to 20 MB): headers and a mapping',
        consumes: ['multipart/form-data'],
        querystring: ZUploadImportQuery,
        response: { 201: ZImportJob, ...errors },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('IMPORT_FILE_INVALID');
      const part = await req.file();
      if (!part) throw new AppError('IMPORT_FILE_INVALID');
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('IMPORT_FILE_TOO_LARGE');
        throw err;
      }
      const job = await inTransaction(db, req, (ctx) =>
        uploadImport(ctx, store, { fileName: part.filename, bytes }, req.query.unitId),
      );
      return reply.status(201).send(job);
    },
  );
  app.get(
    '/people/imports',
    {
      schema: {
        tags: ['people'],
        summary: "The unit's import jobs, newest first (headquarters: all)",
        response: { 200: ZImportJobList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => listImports(ctx)),
  );
  app.get(
    '/people/imports/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'One import job: status, progress counters, headers and mappings',
        params: ZImportIdParams,
        response: { 200: ZImportJob, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getImport(ctx, store, req.params.id)),
  );
  app.put(
    '/people/imports/:id/mapping',
    {
      schema: {
        tags: ['people'],
        summary: 'Choose which column holds which field; saveAs keeps it for the next file',
        params: ZImportIdParams,
        body: ZPutImportMappingRequest,
        response: { 200: ZImportJob, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => putMapping(ctx, store, req.params.id, req.body)),
  );
  app.get(
    '/people/imports/:id/preview',
    {
      schema: {
        tags: ['people'],
        summary:
          'Check the whole file with the rules of POST /people: sample rows, every invalid or duplicate row',
        params: ZImportIdParams,
        querystring: ZImportPreviewQuery,
        response: { 200: ZImportPreview, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => previewImport(ctx, store, req.params.id, req.query.limit)),
  );
  app.post(
    '/people/imports/:id/run',
    {
      schema: {
        tags: ['people'],
        summary: 'Run (or resume) the import in the background; poll GET …/imports/:id for progress',
        params: ZImportIdParams,
        response: { 202: ZImportJob, ...errors },
      },
    },
    async (req, reply) => {
      const queued = await inTransaction(db, req, (ctx) => queueRun(ctx, req.params.id));
      if (queued.status === 'running') {
        void startImport(db, store.load, queued.id, jobActor(req), req.log, { lang: requestMeta(req).lang });
      }
      const job = await inTransaction(db, req, (ctx) => getImport(ctx, store, req.params.id));
      return reply.status(202).send(job);
    },
  );
  app.get(
    '/people/imports/:id/errors.csv',
    {
      schema: {
        tags: ['people'],
        summary: 'Rows not created (invalid or duplicate) with why, as CSV to fix and upload again',
        params: ZImportIdParams,
        querystring: ZImportErrorsQuery,
        response: { 200: ZFile, ...errors },
      },
    },
    async (req, reply) => {
      const file = await inTransaction(db, req, (ctx) =>
        errorsCsv(ctx, store, req.params.id, req.query.lang),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );
  app.get(
    '/people/export',
    {
      schema: {
        tags: ['people'],
        summary: 'Export the search (same filters as GET /people) to CSV or XLSX; scoped and audited',
        querystring: ZPeopleExportQuery,
        response: { 200: ZFile, ...errors },
      },
    },
    async (req, reply) => {
      const exported = await inTransaction(db, req, (ctx) => exportPeople(ctx, req.query));
      const type =
        exported.format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return reply
        .type(type)
        .header('content-disposition', `attachment; filename="${exportFileName(exported.format)}"`)
        .header('x-export-capped', String(exported.capped))
        .send(exportStream(exported));
    },
  );
};
