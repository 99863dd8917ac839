import {
  ZCaseIdParams,
  ZCaseSchedule,
  ZCreateSurveyRequest,
  ZDeleteSurveyQuery,
  ZDueSurveyList,
  ZDueSurveysQuery,
  ZError,
  ZMinimumWage,
  ZMinimumWageList,
  ZMinimumWageLookup,
  ZMinimumWageLookupQuery,
  ZMinimumWageQuery,
  ZPersonIdParams,
  ZPersonRoadmap,
  ZPutMinimumWageRequest,
  ZPutRoadmapLevelsRequest,
  ZPutScheduleRequest,
  ZRoadmapChange,
  ZRoadmapLevelList,
  ZSurvey,
  ZSurveyList,
  ZSurveySaved,
  ZUpdateSurveyRequest,
  ZUuid,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import * as roadmap from './roadmap.service.ts';
import * as schedule from './schedule.service.ts';
import * as surveys from './surveys.service.ts';
import * as wages from './wages.service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const ZSurveyIdParams = z.object({ id: ZUuid }).strict();
const tags = ['followup'];

export const followupRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;

  // ── Surveys ──
  app.post(
    '/surveys',
    {
      schema: {
        tags,
        summary: "Record a survey for a case of the caller's unit (fulfils the nearest due schedule entry)",
        body: ZCreateSurveyRequest,
        response: { 201: ZSurveySaved, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inTransaction(db, req, (ctx) => surveys.createSurvey(ctx, req.body))),
  );
  app.get(
    '/surveys/due',
    {
      schema: {
        tags,
        summary: 'Due and overdue surveys of the unit (worker=me for a caseload)',
        querystring: ZDueSurveysQuery,
        response: { 200: ZDueSurveyList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => schedule.listDueSurveys(ctx, req.query)),
  );
  app.get(
    '/surveys/:id',
    {
      schema: {
        tags,
        summary: 'One survey (read audited)',
        params: ZSurveyIdParams,
        response: { 200: ZSurvey, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => surveys.getSurvey(ctx, req.params.id)),
  );
  app.put(
    '/surveys/:id',
    {
      schema: {
        tags,
        summary: 'Correct a survey (with the version read); the roadmap is recomputed',
        params: ZSurveyIdParams,
        body: ZUpdateSurveyRequest,
        response: { 200: ZSurveySaved, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => surveys.updateSurvey(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/surveys/:id',
    {
      schema: {
        tags,
        summary: 'Delete a survey recorded in error (audited); its schedule entry is due again',
        params: ZSurveyIdParams,
        querystring: ZDeleteSurveyQuery,
        response: { 200: ZRoadmapChange, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => surveys.deleteSurvey(ctx, req.params.id, req.query.version)),
  );
  app.get(
    '/people/:id/surveys',
    {
      schema: {
        tags,
        summary: "A person's surveys, newest first, from every unit that served them (read audited)",
        params: ZPersonIdParams,
        response: { 200: ZSurveyList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => surveys.listSurveysOfPerson(ctx, req.params.id)),
  );

  // ── Roadmap ──
  app.get(
    '/people/:id/roadmap',
    {
      schema: {
        tags,
        summary:
          "A person's roadmap: levels, milestones with evidence, what is missing, income vs minimum wage",
        params: ZPersonIdParams,
        response: { 200: ZPersonRoadmap, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => roadmap.getPersonRoadmap(ctx, req.params.id)),
  );
  app.get(
    '/roadmap/levels',
    { schema: { tags, summary: 'The roadmap ladder', response: { 200: ZRoadmapLevelList, ...errors } } },
    (req) => inTransaction(db, req, (ctx) => roadmap.getLevels(ctx)),
  );
  app.put(
    '/roadmap/levels',
    {
      schema: {
        tags,
        summary: 'Replace the ladder (admin; criteria validated against the known kinds)',
        body: ZPutRoadmapLevelsRequest,
        response: { 200: ZRoadmapLevelList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => roadmap.putLevels(ctx, req.body)),
  );

  // ── Schedules ──
  app.get(
    '/cases/:id/survey-schedule',
    {
      schema: {
        tags,
        summary: "The case's survey schedule",
        params: ZCaseIdParams,
        response: { 200: ZCaseSchedule, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => schedule.getSchedule(ctx, req.params.id)),
  );
  app.post(
    '/cases/:id/survey-schedule/default',
    {
      schema: {
        tags,
        summary: 'Add what the default schedule lacks (intake; termination and after-care once terminated)',
        params: ZCaseIdParams,
        response: { 200: ZCaseSchedule, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => schedule.createDefaultSchedule(ctx, req.params.id)),
  );
  app.put(
    '/cases/:id/survey-schedule',
    {
      schema: {
        tags,
        summary: 'Replace the open schedule entries (done ones stay)',
        params: ZCaseIdParams,
        body: ZPutScheduleRequest,
        response: { 200: ZCaseSchedule, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => schedule.putSchedule(ctx, req.params.id, req.body)),
  );

  // ── Minimum wages ──
  app.get(
    '/minimum-wages',
    {
      schema: {
        tags,
        summary: 'Regional minimum wages (UMP, UMK) per year',
        querystring: ZMinimumWageQuery,
        response: { 200: ZMinimumWageList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => wages.listMinimumWages(ctx, req.query)),
  );
  app.get(
    '/minimum-wages/lookup',
    {
      schema: {
        tags,
        summary: "The minimum wage for a person's area at a date (UMK, else UMP, else cannot be assessed)",
        querystring: ZMinimumWageLookupQuery,
        response: { 200: ZMinimumWageLookup, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => wages.lookupMinimumWage(ctx, req.query)),
  );
  app.put(
    '/minimum-wages',
    {
      schema: {
        tags,
        summary: 'Add or change one minimum wage (admin; version 0 to add)',
        body: ZPutMinimumWageRequest,
        response: { 200: ZMinimumWage, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => wages.putMinimumWage(ctx, req.body)),
  );
};
