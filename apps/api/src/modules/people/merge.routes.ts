import {
  ZDuplicateQueueQuery,
  ZDuplicateQueueResponse,
  ZError,
  ZMarkDistinctRequest,
  ZMarkDistinctResponse,
  ZMergeIdParams,
  ZMergeListQuery,
  ZMergePeopleRequest,
  ZPersonIdParams,
  ZPersonMerge,
  ZPersonMergeList,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { listPersonMerges, listRecentMerges, markDistinct, mergePeople, undoMerge } from './merge.service.ts';
import { getDuplicateQueue } from './merge-queue.service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const mergeRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  app.get(
    '/people/duplicate-queue',
    {
      schema: {
        tags: ['people'],
        summary: 'Probable duplicate pairs among the people this user may see, with why they match',
        querystring: ZDuplicateQueueQuery,
        response: { 200: ZDuplicateQueueResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => getDuplicateQueue(ctx, req.query)),
  );
  app.post(
    '/people/merge',
    {
      schema: {
        tags: ['people'],
        summary: 'Merge two records of one person (both histories kept; can be undone)',
        body: ZMergePeopleRequest,
        response: { 201: ZPersonMerge, ...errors },
      },
    },
    async (req, reply) => {
      const merged = await inTransaction(db, req, (ctx) => mergePeople(ctx, req.body));
      return reply.status(201).send(merged);
    },
  );
  app.post(
    '/people/merges/:mergeId/undo',
    {
      schema: {
        tags: ['people'],
        summary: 'Undo a merge: moved rows go back and the merged record is active again',
        params: ZMergeIdParams,
        response: { 200: ZPersonMerge, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => undoMerge(ctx, req.params.mergeId)),
  );
  app.get(
    '/people/merges',
    {
      schema: {
        tags: ['people'],
        summary: 'Recent merges among the people this user may see, newest first',
        querystring: ZMergeListQuery,
        response: { 200: ZPersonMergeList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => listRecentMerges(ctx, req.query)),
  );
  app.post(
    '/people/distinct',
    {
      schema: {
        tags: ['people'],
        summary: 'Record that two similar records are different people (the queue stops proposing them)',
        body: ZMarkDistinctRequest,
        response: { 200: ZMarkDistinctResponse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => markDistinct(ctx, req.body)),
  );
  app.get(
    '/people/:id/merges',
    {
      schema: {
        tags: ['people'],
        summary: "A person's merge history, as survivor or as the merged record",
        params: ZPersonIdParams,
        response: { 200: ZPersonMergeList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => listPersonMerges(ctx, req.params.id)),
  );
};
