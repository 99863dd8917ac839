// Training: courses, cohorts, enrolment, attendance, certificates (issue 6).
import { z } from 'zod';
import { ZTimestamp, ZUnitRef, ZUuid } from './common.ts';

/**
 * The training module's error codes, merged into ERROR_TABLE (errors.ts). Kept here, without imports from
 * errors.ts, so the module's codes live with its contract.
 */
export const TRAINING_ERRORS = {
  COURSE_CODE_TAKEN: {
    status: 409,
    id: 'Kode pelatihan ini sudah dipakai.',
    en: 'This course code is already used.',
  },
  COURSE_INACTIVE: {
    status: 409,
    id: 'Pelatihan ini tidak aktif lagi; kelas baru tidak dapat dibuka.',
    en: 'This course is no longer active; no new cohort can be opened.',
  },
  COHORT_FULL: {
    status: 409,
    id: 'Kelas sudah penuh: kapasitasnya sudah terisi.',
    en: 'The cohort is full: its capacity is taken.',
  },
  COHORT_CAPACITY_TOO_LOW: {
    status: 409,
    id: 'Kapasitas tidak boleh lebih kecil dari jumlah peserta yang sudah terdaftar.',
    en: 'The capacity cannot be below the number of people already enrolled.',
  },
  ENROLMENT_NO_CASE: {
    status: 400,
    id: 'Orang ini tidak memiliki kasus aktif di unit ini; hanya PM unit yang dapat didaftarkan.',
    en: 'This person has no open case at this unit; only the unit’s beneficiaries can be enrolled.',
  },
  ENROLMENT_DUPLICATE: {
    status: 409,
    id: 'Orang ini sudah terdaftar di kelas ini.',
    en: 'This person is already enrolled in this cohort.',
  },
  ENROLMENT_NOT_ACTIVE: {
    status: 409,
    id: 'Peserta ini sudah keluar dari kelas.',
    en: 'This participant has left the cohort.',
  },
  ENROLMENT_NOT_ASSESSED: {
    status: 409,
    id: 'Catat penilaian peserta terlebih dahulu sebelum menyelesaikan pelatihan.',
    en: 'Record the participant’s assessment before completing the course.',
  },
  ENROLMENT_ALREADY_COMPLETED: {
    status: 409,
    id: 'Pelatihan peserta ini sudah diselesaikan.',
    en: 'This participant’s course has already been completed.',
  },
  ATTENDANCE_NOT_ENROLLED: {
    status: 400,
    id: 'Kehadiran hanya dapat dicatat untuk peserta yang terdaftar di kelas ini.',
    en: 'Attendance can only be recorded for people enrolled in this cohort.',
  },
  CERTIFICATE_NOT_AVAILABLE: {
    status: 409,
    id: 'Sertifikat hanya tersedia untuk peserta yang lulus.',
    en: 'A certificate is only available to participants who passed.',
  },
} as const satisfies Record<string, { status: number; id: string; en: string }>;

const ZDate = z.iso.date().describe('Date, YYYY-MM-DD');
const ZText = (max: number) => z.string().trim().min(1).max(max);

export const COURSE_KINDS = ['vocational', 'entrepreneurship'] as const;
export const ZCourseKind = z.enum(COURSE_KINDS).describe('vocational (keterampilan) or entrepreneurship');

export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'dropped', 'failed'] as const;
export const ZEnrolmentStatus = z
  .enum(ENROLMENT_STATUSES)
  .describe('enrolled, completed (passed, with a certificate), dropped, failed (finished without passing)');

/** Income change of a course's graduates after some months: median and how many it is computed over. */
export const ZIncomeChange = z
  .object({
    count: z.number().int().describe('Graduates with a survey before completion and one after the months'),
    medianChange: z
      .number()
      .nullable()
      .describe('Median change of monthly income in Rupiah (after − before); null with no graduates'),
  })
  .describe('Income change after a number of months');

export const ZCourseOutcome = z.object({
  graduates: z.number().int().describe('People who completed the course (within the caller’s scope)'),
  after3Months: ZIncomeChange,
  after6Months: ZIncomeChange,
});
export type TCourseOutcome = z.infer<typeof ZCourseOutcome>;

export const ZCourse = z
  .object({
    code: z.string().describe('Course code, e.g. VOK-MENJAHIT'),
    kind: ZCourseKind,
    nameId: z.string().describe('Name in Bahasa Indonesia'),
    nameEn: z.string().describe('Name in English'),
    descriptionId: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    hours: z.number().int().describe('Training hours (jam pelajaran)'),
    competenciesId: z.array(z.string()).describe('Competencies, Bahasa Indonesia'),
    competenciesEn: z.array(z.string()).describe('Competencies, English (same order)'),
    isActive: z.boolean(),
    version: z.number().int(),
    outcome: ZCourseOutcome.describe('Income change of its graduates after 3 and 6 months'),
  })
  .describe('A course in the catalogue');
export type TCourse = z.infer<typeof ZCourse>;

export const ZCourseList = z.object({ items: z.array(ZCourse) });
export type TCourseList = z.infer<typeof ZCourseList>;

const courseFields = {
  kind: ZCourseKind,
  nameId: ZText(200).describe('Name in Bahasa Indonesia'),
  nameEn: ZText(200).describe('Name in English'),
  descriptionId: z.string().trim().max(2000).nullable().optional().describe('Description, Indonesian'),
  descriptionEn: z.string().trim().max(2000).nullable().optional().describe('Description, English'),
  hours: z.number().int().min(1).max(2000).describe('Training hours'),
  competenciesId: z.array(ZText(300)).max(30).describe('Competencies, Indonesian'),
  competenciesEn: z.array(ZText(300)).max(30).describe('Competencies, English (same count)'),
  isActive: z.boolean().optional().describe('Offered for new cohorts'),
};

export const ZCreateCourseRequest = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9-]{3,40}$/)
      .describe('Code: capitals, digits and dashes, 3–40'),
    ...courseFields,
  })
  .describe('A new course');
export type TCreateCourseRequest = z.infer<typeof ZCreateCourseRequest>;

export const ZUpdateCourseRequest = z
  .strictObject({ ...courseFields, version: z.number().int().positive().describe('Version read') })
  .describe('Change a course (optimistic concurrency on version)');
export type TUpdateCourseRequest = z.infer<typeof ZUpdateCourseRequest>;

export const ZCourseCodeParams = z.strictObject({ code: z.string().max(40) });

// ── Cohorts ──

export const ZCohortSummary = z.object({
  id: ZUuid,
  unit: ZUnitRef,
  course: z.object({ code: z.string(), nameId: z.string(), nameEn: z.string(), kind: ZCourseKind }),
  startsOn: ZDate,
  endsOn: ZDate,
  trainer: z.string(),
  place: z.string(),
  capacity: z.number().int(),
  enrolled: z.number().int().describe('People enrolled or finished (not dropped): what capacity counts'),
  completed: z.number().int().describe('People who completed with a certificate'),
  version: z.number().int(),
});
export type TCohortSummary = z.infer<typeof ZCohortSummary>;

export const ZCohortListQuery = z
  .strictObject({
    q: z.string().trim().max(100).optional().describe('Search course name, trainer or place'),
    course: z.string().max(40).optional().describe('Only this course code'),
    unit: ZUuid.optional().describe('Only this unit (headquarters)'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .describe('Cohorts, newest start first');

export const ZCohortList = z.object({ items: z.array(ZCohortSummary), total: z.number().int() });
export type TCohortList = z.infer<typeof ZCohortList>;

const cohortFields = {
  startsOn: ZDate.describe('First day'),
  endsOn: ZDate.describe('Last day (on or after the first)'),
  trainer: ZText(200).describe('Trainer (instruktur)'),
  place: ZText(200).describe('Where it is held'),
  capacity: z.number().int().min(1).max(500).describe('Most people it takes'),
  notes: z.string().trim().max(2000).nullable().optional(),
};

export const ZCreateCohortRequest = z
  .strictObject({ courseCode: z.string().max(40).describe('Course code'), ...cohortFields })
  .describe('Open a cohort at the actor’s unit');
export type TCreateCohortRequest = z.infer<typeof ZCreateCohortRequest>;

export const ZUpdateCohortRequest = z
  .strictObject({ ...cohortFields, version: z.number().int().positive() })
  .describe('Change a cohort (optimistic concurrency)');
export type TUpdateCohortRequest = z.infer<typeof ZUpdateCohortRequest>;

export const ZEnrolment = z.object({
  id: ZUuid,
  personId: ZUuid,
  fullName: z.string(),
  caseId: ZUuid,
  caseNo: z.string(),
  status: ZEnrolmentStatus,
  enrolledOn: ZDate,
  score: z.number().int().nullable(),
  passed: z.boolean().nullable(),
  assessedOn: ZDate.nullable(),
  completedOn: ZDate.nullable(),
  certificateCode: z.string().nullable(),
  sessionsAttended: z.number().int(),
  version: z.number().int(),
});
export type TEnrolment = z.infer<typeof ZEnrolment>;

export const ZTrainingSession = z.object({
  id: ZUuid,
  heldOn: ZDate,
  topic: z.string(),
  hours: z.number().int(),
  /** Enrolment ids present; absent ones are those recorded as not present. */
  present: z.array(ZUuid).describe('Enrolments recorded present'),
  recorded: z.boolean().describe('Attendance has been taken'),
});
export type TTrainingSession = z.infer<typeof ZTrainingSession>;

export const ZCohort = ZCohortSummary.extend({
  notes: z.string().nullable(),
  course: ZCohortSummary.shape.course.extend({ hours: z.number().int() }),
  enrolments: z.array(ZEnrolment),
  sessions: z.array(ZTrainingSession),
  createdAt: ZTimestamp,
});
export type TCohort = z.infer<typeof ZCohort>;

export const ZCohortIdParams = z.strictObject({ id: ZUuid });
export const ZTrainingSessionParams = z.strictObject({ id: ZUuid, sessionId: ZUuid });
export const ZEnrolmentParams = z.strictObject({ id: ZUuid, enrolmentId: ZUuid });

export const ZEnrolRequest = z.strictObject({ personId: ZUuid.describe('A person with a case at the unit') });
export type TEnrolRequest = z.infer<typeof ZEnrolRequest>;

export const ZCandidatesQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Search by name or case number'),
});
export const ZCandidates = z.object({
  items: z.array(
    z.object({
      personId: ZUuid,
      fullName: z.string(),
      caseNo: z.string(),
      enrolled: z.boolean().describe('Already in this cohort'),
    }),
  ),
});
export type TCandidates = z.infer<typeof ZCandidates>;

export const ZTrainingSessionRequest = z.strictObject({
  heldOn: ZDate.describe('Date of the meeting'),
  topic: ZText(300).describe('What was taught'),
  hours: z.number().int().min(1).max(24).describe('Hours'),
});
export type TTrainingSessionRequest = z.infer<typeof ZTrainingSessionRequest>;

export const ZAttendanceRequest = z.strictObject({
  attendance: z
    .array(z.strictObject({ personId: ZUuid, present: z.boolean() }))
    .min(1)
    .max(500)
    .describe('Who was present; each person must be enrolled in the cohort'),
});
export type TAttendanceRequest = z.infer<typeof ZAttendanceRequest>;

export const ZAssessRequest = z.strictObject({
  score: z.number().int().min(0).max(100).describe('Score 0–100'),
  passed: z.boolean().describe('Passed the assessment'),
  assessedOn: ZDate,
  version: z.number().int().positive(),
});
export type TAssessRequest = z.infer<typeof ZAssessRequest>;

export const ZCompleteRequest = z.strictObject({
  completedOn: ZDate.describe('Completion date (on the certificate)'),
  version: z.number().int().positive(),
});
export type TCompleteRequest = z.infer<typeof ZCompleteRequest>;

export const ZDropRequest = z.strictObject({ version: z.number().int().positive() });

// ── Public certificate check ──

export const ZCertificateCodeParams = z.strictObject({
  code: z.string().trim().max(40).describe('The verification code printed on the certificate'),
});
export const ZCertificateCheck = z
  .object({
    valid: z.boolean().describe('A completed course with this code exists'),
    courseNameId: z.string().nullable(),
    courseNameEn: z.string().nullable(),
    hours: z.number().int().nullable(),
    holderInitials: z.string().nullable().describe('Only the holder’s initials, e.g. "A.P."'),
    completedOn: ZDate.nullable(),
    unitName: z.string().nullable(),
  })
  .describe('What the public may learn from a certificate code: only what proves it');
export type TCertificateCheck = z.infer<typeof ZCertificateCheck>;
