// The public check of a certificate code: only what proves the certificate (course, the holder's initials,
// completion date, unit), read through a definer function so an anonymous caller touches no table.
import type { TCertificateCheck } from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { PublicCtx } from '../../lib/context.ts';

const UNKNOWN: TCertificateCheck = {
  valid: false,
  courseNameId: null,
  courseNameEn: null,
  hours: null,
  holderInitials: null,
  completedOn: null,
  unitName: null,
};

export async function verifyCertificate(ctx: PublicCtx, code: string): Promise<TCertificateCheck> {
  const [r] = await queryRows<{
    course_name_id: string;
    course_name_en: string;
    hours: number;
    holder_initials: string | null;
    completed_on: string;
    unit_name: string;
  }>(
    ctx.db,
    sql`select course_name_id, course_name_en, hours, holder_initials, completed_on::text as completed_on, unit_name
        from atensi_verify_training_certificate(${code.trim().toUpperCase()})`,
  );
  if (!r) return UNKNOWN;
  return {
    valid: true,
    courseNameId: r.course_name_id,
    courseNameEn: r.course_name_en,
    hours: r.hours,
    holderInitials: r.holder_initials,
    completedOn: r.completed_on,
    unitName: r.unit_name,
  };
}
