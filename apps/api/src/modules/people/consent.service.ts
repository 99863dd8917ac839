// Consent (UU 27/2022): who gave it, for which purposes, how it was recorded, and its withdrawal.
// Other modules call assertConsent before data leaves the unit (export, referrals, fundraising).
import {
  CONSENT_PURPOSES,
  type TConsent,
  type TConsentListResponse,
  type TConsentPurpose,
  type TCreateConsentRequest,
  type TErrorDetail,
  type TWithdrawConsentRequest,
  ZCreateConsentRequest,
  ZWithdrawConsentRequest,
} from '@atensi/contracts';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appUser, person, personConsent, personRelation } from '../../db/schema.ts';
import type { Ctx } from '../../lib/context.ts';
import { isFutureInIndonesia, todayWib } from '../../lib/dates.ts';
import { AppError } from '../../lib/errors.ts';
import { fieldProblem, findVisiblePerson, isConsentForm } from './documents.service.ts';

const PURPOSE_TEXT: Record<TConsentPurpose, { id: string; en: string }> = {
  services: { id: 'layanan', en: 'services' },
  referral: { id: 'rujukan', en: 'referral' },
  data_sharing: { id: 'berbagi data', en: 'data sharing' },
  photo: { id: 'penggunaan foto', en: 'photo use' },
  fundraising: { id: 'penggalangan dana', en: 'fundraising' },
};

/** A person is a child until their 18th birthday has come in WIB (the last zone to reach it). */
export function isChild(birthDate: string | null, today = todayWib()): boolean {
  if (!birthDate) return false;
  const [y = 0, m = 1, d = 1] = birthDate.split('-').map(Number);
  const eighteenth = `${String(y + 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return today < eighteenth;
}

async function guardianOptions(ctx: Ctx, personId: string) {
  const related = alias(person, 'related');
  const rows = await ctx.db
    .select({
      relationId: personRelation.id,
      name: personRelation.name,
      relatedName: related.fullName,
      relationship: personRelation.relationship,
      isGuardian: personRelation.isGuardian,
    })
    .from(personRelation)
    .leftJoin(related, eq(related.id, personRelation.relatedPersonId))
    .where(eq(personRelation.personId, personId))
    .orderBy(desc(personRelation.isGuardian), personRelation.createdAt);
  return rows.map((r) => ({
    relationId: r.relationId,
    // A registered relative this unit may not see still shows as their relationship.
    name: r.name ?? r.relatedName ?? r.relationship,
    relationship: r.relationship,
    isGuardian: r.isGuardian,
  }));
}

/** The purposes covered by at least one consent that is not withdrawn. */
export async function consentedPurposes(ctx: Ctx, personId: string): Promise<TConsentPurpose[]> {
  const rows = await ctx.db
    .select({ purposes: personConsent.purposes })
    .from(personConsent)
    .where(and(eq(personConsent.personId, personId), isNull(personConsent.withdrawnAt)));
  const have = new Set(rows.flatMap((r) => r.purposes));
  return CONSENT_PURPOSES.filter((p) => have.has(p));
}

/**
 * Throws 409 CONSENT_MISSING naming the purpose unless an active consent covers it. Call it where data
 * would leave the unit (export, referral, data sharing, photo use, fundraising).
 */
export async function assertConsent(ctx: Ctx, personId: string, purpose: TConsentPurpose): Promise<void> {
  if ((await consentedPurposes(ctx, personId)).includes(purpose)) return;
  const t = PURPOSE_TEXT[purpose];
  throw new AppError('CONSENT_MISSING', {
    details: [
      {
        field: 'purpose',
        issue: purpose,
        message:
          ctx.meta.lang === 'id'
            ? `purpose: belum ada persetujuan untuk ${t.id}`
            : `purpose: no consent for ${t.en}`,
      },
    ],
  });
}

export async function listConsents(ctx: Ctx, personId: string): Promise<TConsentListResponse> {
  const p = await findVisiblePerson(ctx, personId);
  const options = await guardianOptions(ctx, personId);
  const rows = await ctx.db
    .select({ c: personConsent, recordedBy: appUser.displayName })
    .from(personConsent)
    .leftJoin(appUser, eq(appUser.id, personConsent.recordedBy))
    .where(eq(personConsent.personId, personId))
    .orderBy(desc(personConsent.givenAt), desc(personConsent.createdAt));
  const names = new Map(options.map((o) => [o.relationId, o.name]));
  const items: TConsent[] = rows.map(({ c, recordedBy }) => ({
    id: c.id,
    givenBy: c.givenBy as TConsent['givenBy'],
    guardianRelationId: c.guardianRelationId,
    guardianName: c.guardianName ?? (c.guardianRelationId ? (names.get(c.guardianRelationId) ?? null) : null),
    purposes: c.purposes.filter((x): x is TConsentPurpose =>
      (CONSENT_PURPOSES as readonly string[]).includes(x),
    ),
    method: c.method as TConsent['method'],
    witnessName: c.witnessName,
    documentId: c.documentId,
    givenAt: c.givenAt,
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    withdrawnReason: c.withdrawnReason,
    recordedBy,
    isActive: c.withdrawnAt === null,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
  }));
  const active = new Set(items.filter((i) => i.isActive).flatMap((i) => i.purposes));
  return {
    items,
    currentPurposes: CONSENT_PURPOSES.filter((x) => active.has(x)),
    guardianRequired: isChild(p.birthDate) || options.some((o) => o.isGuardian),
    guardianOptions: options,
  };
}

export async function createConsent(
  ctx: Ctx,
  personId: string,
  input: TCreateConsentRequest,
): Promise<TConsentListResponse> {
  const f = ZCreateConsentRequest.parse(input);
  const lang = ctx.meta.lang;
  const p = await findVisiblePerson(ctx, personId);
  if (p.mergedIntoId) throw new AppError('PERSON_MERGED');
  const options = await guardianOptions(ctx, personId);
  if (f.givenBy === 'self' && (isChild(p.birthDate) || options.some((o) => o.isGuardian))) {
    throw new AppError('CONSENT_GUARDIAN_REQUIRED', {
      details: [
        fieldProblem(
          'givenBy',
          'guardian_required',
          isChild(p.birthDate)
            ? 'orang ini belum berusia 18 tahun: persetujuan dari wali'
            : 'orang ini memiliki wali: persetujuan dari wali',
          isChild(p.birthDate)
            ? 'this person is under 18: consent comes from a guardian'
            : 'this person has a guardian: consent comes from the guardian',
          lang,
        ),
      ],
    });
  }
  const problems: TErrorDetail[] = [];
  if (f.givenBy === 'guardian') {
    if (!f.guardianRelationId && !f.guardianName) {
      problems.push(
        fieldProblem(
          'guardianRelationId',
          'required',
          'pilih wali atau tulis namanya',
          'choose or name the guardian',
          lang,
        ),
      );
    }
    if (f.guardianRelationId && !options.some((o) => o.relationId === f.guardianRelationId)) {
      problems.push(
        fieldProblem(
          'guardianRelationId',
          'unknown',
          'bukan keluarga orang ini',
          "not one of this person's relations",
          lang,
        ),
      );
    }
  }
  if (f.method === 'verbal_witnessed' && !f.witnessName) {
    problems.push(
      fieldProblem(
        'witnessName',
        'required',
        'persetujuan lisan perlu nama saksi',
        'verbal consent needs a witness',
        lang,
      ),
    );
  }
  if (f.method === 'signed_form') {
    if (!f.documentId) {
      problems.push(
        fieldProblem(
          'documentId',
          'required',
          'unggah dan pilih formulir yang ditandatangani',
          'upload and choose the signed form',
          lang,
        ),
      );
    } else if (!(await isConsentForm(ctx, personId, f.documentId))) {
      problems.push(
        fieldProblem(
          'documentId',
          'unknown',
          'bukan formulir persetujuan milik orang ini',
          'not a consent form of this person',
          lang,
        ),
      );
    }
  }
  if (isFutureInIndonesia(f.givenAt)) {
    problems.push(
      fieldProblem('givenAt', 'in_future', 'tidak boleh di masa depan', 'cannot be in the future', lang),
    );
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { details: problems });
  await ctx.db.insert(personConsent).values({
    personId,
    givenBy: f.givenBy,
    guardianRelationId: f.givenBy === 'guardian' ? (f.guardianRelationId ?? null) : null,
    guardianName: f.givenBy === 'guardian' ? (f.guardianName ?? null) : null,
    purposes: [...new Set(f.purposes)],
    method: f.method,
    witnessName: f.witnessName ?? null,
    documentId: f.method === 'signed_form' ? (f.documentId ?? null) : null,
    givenAt: f.givenAt,
    recordedBy: ctx.actor.userId,
  });
  return listConsents(ctx, personId);
}

export async function withdrawConsent(
  ctx: Ctx,
  personId: string,
  consentId: string,
  input: TWithdrawConsentRequest,
): Promise<TConsentListResponse> {
  const f = ZWithdrawConsentRequest.parse(input);
  await findVisiblePerson(ctx, personId);
  const [current] = await ctx.db
    .select()
    .from(personConsent)
    .where(and(eq(personConsent.id, consentId), eq(personConsent.personId, personId)))
    .for('update');
  if (!current) throw new AppError('NOT_FOUND');
  if (current.withdrawnAt) throw new AppError('CONSENT_ALREADY_WITHDRAWN');
  if (current.version !== f.version) throw new AppError('CONFLICT');
  await ctx.db
    .update(personConsent)
    .set({
      withdrawnAt: sql`now()`,
      withdrawnReason: f.reason,
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(personConsent.id, consentId), eq(personConsent.version, f.version)));
  return listConsents(ctx, personId);
}
