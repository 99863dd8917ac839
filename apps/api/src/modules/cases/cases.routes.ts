import {
  ZAdvanceCaseRequest,
  ZAssessmentFormDef,
  ZAssessmentRequest,
  ZAssignCaseRequest,
  ZCase,
  ZCaseIdParams,
  ZCaseListQuery,
  ZCaseListResponse,
  ZCaseWorkers,
  ZCloseRequest,
  ZCreateCaseRequest,
  ZError,
  ZNoteRequest,
  ZPlanRequest,
  ZServiceRequest,
  ZTaskRequest,
  ZTerminateRequest,
  ZUuid,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import * as svc from './cases.service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const ZVersion = z.object({ version: z.number().int().positive() }).strict();
const ZTaskParams = z.object({ id: ZUuid, taskId: ZUuid }).strict();

export const casesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const one = { params: ZCaseIdParams, response: { 200: ZCase, ...errors } };
  app.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases of the unit; caseload with worker=me, overdue work first',
        querystring: ZCaseListQuery,
        response: { 200: ZCaseListResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.listCases(ctx, req.query)),
  );
  app.get(
    '/cases/workers',
    {
      schema: {
        tags: ['cases'],
        summary: 'Social workers and the head of the unit, who may carry a case',
        response: { 200: ZCaseWorkers, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.listWorkers(ctx)),
  );
  app.post(
    '/cases/:id/assign',
    {
      schema: {
        tags: ['cases'],
        summary: 'Hand the case to another worker (unit head)',
        body: ZAssignCaseRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.assignCase(ctx, req.params.id, req.body)),
  );
  app.get(
    '/cases/assessment-form',
    {
      schema: {
        tags: ['cases'],
        summary: 'The active assessment form (domains, labels in id/en, scale)',
        response: { 200: ZAssessmentFormDef, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.getAssessmentForm(ctx)),
  );
  app.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open a case (intake)',
        body: ZCreateCaseRequest,
        response: { 201: ZCase, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inTransaction(db, req, (ctx) => svc.createCase(ctx, req.body))),
  );
  app.get(
    '/cases/:id',
    { schema: { tags: ['cases'], summary: 'A case at a glance, with its history (read audited)', ...one } },
    (req) => inTransaction(db, req, (ctx) => svc.getCase(ctx, req.params.id)),
  );
  app.post(
    '/cases/:id/stage',
    {
      schema: {
        tags: ['cases'],
        summary: 'Move to the next stage (or override as unit head)',
        body: ZAdvanceCaseRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.advanceCase(ctx, req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/assessments',
    {
      schema: {
        tags: ['cases'],
        summary: 'Record an assessment (form structure is data)',
        body: ZAssessmentRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.addAssessment(ctx, req.params.id, req.body)),
  );
  app.put(
    '/cases/:id/plan',
    {
      schema: {
        tags: ['cases'],
        summary: 'Save the draft plan (after approval, a new version)',
        body: ZPlanRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.savePlan(ctx, req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/plan/approve',
    {
      schema: {
        tags: ['cases'],
        summary: 'Approve the draft plan (unit head, not its author)',
        body: ZVersion,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.approvePlan(ctx, req.params.id, req.body.version)),
  );
  app.post(
    '/cases/:id/services',
    { schema: { tags: ['cases'], summary: 'Record a service delivered', body: ZServiceRequest, ...one } },
    (req) => inTransaction(db, req, (ctx) => svc.addService(ctx, req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/notes',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a case note (confidential: case team only)',
        body: ZNoteRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.addNote(ctx, req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/tasks',
    { schema: { tags: ['cases'], summary: 'Add a task with a due date', body: ZTaskRequest, ...one } },
    (req) => inTransaction(db, req, (ctx) => svc.addTask(ctx, req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/tasks/:taskId/done',
    {
      schema: {
        tags: ['cases'],
        summary: 'Mark a task done',
        params: ZTaskParams,
        body: ZVersion,
        response: { 200: ZCase, ...errors },
      },
    },
    (req) =>
      inTransaction(db, req, (ctx) =>
        svc.completeTask(ctx, req.params.id, req.params.taskId, req.body.version),
      ),
  );
  app.post(
    '/cases/:id/terminate',
    {
      schema: {
        tags: ['cases'],
        summary: 'Record termination and schedule after-care',
        body: ZTerminateRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.terminateCase(ctx, req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/close',
    {
      schema: {
        tags: ['cases'],
        summary: 'Close the case (early, from any stage) with a reason',
        body: ZCloseRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.closeCase(ctx, req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/reopen',
    {
      schema: {
        tags: ['cases'],
        summary: 'Reopen a closed case, recorded with the reason',
        body: ZCloseRequest,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.reopenCase(ctx, req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/admit',
    {
      schema: {
        tags: ['cases'],
        summary: 'Residential admission (unit head; needs a free bed)',
        body: ZVersion,
        ...one,
      },
    },
    (req) => inTransaction(db, req, (ctx) => svc.admitCase(ctx, req.params.id, req.body.version)),
  );
};
