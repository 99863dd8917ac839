import {
  ZAssessRequest,
  ZAttendanceRequest,
  ZCandidates,
  ZCandidatesQuery,
  ZCertificateCheck,
  ZCertificateCodeParams,
  ZCohort,
  ZCohortIdParams,
  ZCohortList,
  ZCohortListQuery,
  ZCompleteRequest,
  ZCourse,
  ZCourseCodeParams,
  ZCourseList,
  ZCreateCohortRequest,
  ZCreateCourseRequest,
  ZDropRequest,
  ZEnrolmentParams,
  ZEnrolRequest,
  ZError,
  ZTrainingSessionParams,
  ZTrainingSessionRequest,
  ZUpdateCohortRequest,
  ZUpdateCourseRequest,
} from '@atensi/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inPublicTransaction, inTransaction } from '../../lib/context.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { certificatePdf } from './certificate.ts';
import * as cohorts from './cohorts.service.ts';
import * as courses from './courses.service.ts';
import * as enrolments from './enrolments.service.ts';
import { verifyCertificate } from './verify.service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const tags = ['training'];

export const trainingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const cohortOut = { response: { 200: ZCohort, ...errors } };

  // ── Catalogue ──
  app.get(
    '/training/courses',
    {
      schema: {
        tags,
        summary: 'The course catalogue, with the income change of graduates after 3 and 6 months',
        response: { 200: ZCourseList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => courses.listCourses(ctx)),
  );
  app.post(
    '/training/courses',
    {
      schema: {
        tags,
        summary: 'Add a course (headquarters)',
        body: ZCreateCourseRequest,
        response: { 201: ZCourse, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inTransaction(db, req, (ctx) => courses.createCourse(ctx, req.body))),
  );
  app.put(
    '/training/courses/:code',
    {
      schema: {
        tags,
        summary: 'Change a course (headquarters; version must match)',
        params: ZCourseCodeParams,
        body: ZUpdateCourseRequest,
        response: { 200: ZCourse, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => courses.updateCourse(ctx, req.params.code, req.body)),
  );

  // ── Cohorts ──
  app.get(
    '/training/cohorts',
    {
      schema: {
        tags,
        summary: 'Cohorts of the unit (headquarters: all), newest first, with search and paging',
        querystring: ZCohortListQuery,
        response: { 200: ZCohortList, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => cohorts.listCohorts(ctx, req.query)),
  );
  app.post(
    '/training/cohorts',
    {
      schema: {
        tags,
        summary: 'Open a cohort at the unit',
        body: ZCreateCohortRequest,
        response: { 201: ZCohort, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await inTransaction(db, req, (ctx) => cohorts.createCohort(ctx, req.body))),
  );
  app.get(
    '/training/cohorts/:id',
    {
      schema: {
        tags,
        summary: 'A cohort with its participants, sessions and attendance (read audited)',
        params: ZCohortIdParams,
        ...cohortOut,
      },
    },
    (req) => inTransaction(db, req, (ctx) => cohorts.getCohort(ctx, req.params.id)),
  );
  app.put(
    '/training/cohorts/:id',
    {
      schema: {
        tags,
        summary: 'Change a cohort (capacity never below those enrolled)',
        params: ZCohortIdParams,
        body: ZUpdateCohortRequest,
        ...cohortOut,
      },
    },
    (req) => inTransaction(db, req, (ctx) => cohorts.updateCohort(ctx, req.params.id, req.body)),
  );
  app.get(
    '/training/cohorts/:id/candidates',
    {
      schema: {
        tags,
        summary: 'People with an open case at the unit, to enrol',
        params: ZCohortIdParams,
        querystring: ZCandidatesQuery,
        response: { 200: ZCandidates, ...errors },
      },
    },
    (req) => inTransaction(db, req, (ctx) => cohorts.listCandidates(ctx, req.params.id, req.query.q)),
  );
  app.post(
    '/training/cohorts/:id/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrol a person with a case at the unit (409 COHORT_FULL when full)',
        params: ZCohortIdParams,
        body: ZEnrolRequest,
        ...cohortOut,
      },
    },
    (req) => inTransaction(db, req, (ctx) => enrolments.enrol(ctx, req.params.id, req.body)),
  );
  app.post(
    '/training/cohorts/:id/sessions',
    {
      schema: {
        tags,
        summary: 'Add a session (within the cohort’s dates)',
        params: ZCohortIdParams,
        body: ZTrainingSessionRequest,
        ...cohortOut,
      },
    },
    (req) => inTransaction(db, req, (ctx) => enrolments.addSession(ctx, req.params.id, req.body)),
  );
  app.put(
    '/training/cohorts/:id/sessions/:sessionId/attendance',
    {
      schema: {
        tags,
        summary: 'Take or correct a session’s attendance (only enrolled people)',
        params: ZTrainingSessionParams,
        body: ZAttendanceRequest,
        ...cohortOut,
      },
    },
    (req) =>
      inTransaction(db, req, (ctx) =>
        enrolments.recordAttendance(ctx, req.params.id, req.params.sessionId, req.body),
      ),
  );
  app.post(
    '/training/cohorts/:id/enrolments/:enrolmentId/assessment',
    {
      schema: {
        tags,
        summary: 'Record the assessment: score and pass',
        params: ZEnrolmentParams,
        body: ZAssessRequest,
        ...cohortOut,
      },
    },
    (req) =>
      inTransaction(db, req, (ctx) =>
        enrolments.assess(ctx, req.params.id, req.params.enrolmentId, req.body),
      ),
  );
  app.post(
    '/training/cohorts/:id/enrolments/:enrolmentId/complete',
    {
      schema: {
        tags,
        summary: 'Complete: passed → certificate; not passed → failed. Twice → 409',
        params: ZEnrolmentParams,
        body: ZCompleteRequest,
        ...cohortOut,
      },
    },
    (req) =>
      inTransaction(db, req, (ctx) =>
        enrolments.complete(ctx, req.params.id, req.params.enrolmentId, req.body),
      ),
  );
  app.post(
    '/training/cohorts/:id/enrolments/:enrolmentId/drop',
    {
      schema: {
        tags,
        summary: 'The participant leaves the cohort (frees the place)',
        params: ZEnrolmentParams,
        body: ZDropRequest,
        ...cohortOut,
      },
    },
    (req) =>
      inTransaction(db, req, (ctx) =>
        enrolments.drop(ctx, req.params.id, req.params.enrolmentId, req.body.version),
      ),
  );
  app.get(
    '/training/cohorts/:id/enrolments/:enrolmentId/certificate.pdf',
    {
      schema: {
        tags,
        summary: 'The certificate as a PDF attachment (read audited)',
        params: ZEnrolmentParams,
        response: { 200: z.unknown().describe('PDF bytes'), ...errors },
      },
    },
    async (req, reply) => {
      const data = await inTransaction(db, req, (ctx) =>
        enrolments.certificateData(ctx, req.params.id, req.params.enrolmentId),
      );
      const origin = deps.config.PUBLIC_ORIGIN ?? `${req.protocol}://${req.host}`;
      const pdf = await certificatePdf(data, `${origin}/verifikasi/${data.code}`);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="sertifikat-${data.code}.pdf"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf));
    },
  );

  // ── Public check of a certificate code ──
  app.get(
    '/training/certificates/:code',
    {
      schema: {
        tags,
        summary: 'Public: is this certificate code real? Only course, initials, date and unit',
        params: ZCertificateCodeParams,
        response: { 200: ZCertificateCheck, ...errors },
      },
    },
    (req) => inPublicTransaction(db, req, (ctx) => verifyCertificate(ctx, req.params.code)),
  );
};
