// Checking import rows: each row's cells read as a create-person request and checked with the same rules as
// POST /people, then exact NIK duplicates in the file and in the registry. The preview and the job share it.
import {
  type Lang,
  type TErrorDetail,
  type TImportField,
  type TImportMapping,
  ZCreatePersonRequest,
} from '@atensi/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { area, cluster, ppksCategory } from '../../db/schema.ts';
import { detailsFromZodIssues } from '../../lib/errors.ts';
import * as repo from './people.repository.ts';
import { checkFields, type FieldLookups } from './people.service.ts';
import {
  areaCode,
  digitsOnly,
  maritalStatus,
  parseDate,
  parseSex,
  religion,
  splitList,
} from './spreadsheet.ts';

type Person = z.output<typeof ZCreatePersonRequest>;
type Existing = { personId: string | null; unit: { id: string; code: string; name: string } | null };

export type Assessed = {
  rowNo: number;
  outcome: 'valid' | 'invalid' | 'duplicate';
  messages: TErrorDetail[];
  /** Mapped field → value as understood, for the preview. */
  values: Record<string, string>;
  existing: (Existing & { rowNo: number | null }) | null;
  person: Person | null;
  parts: ReturnType<typeof checkFields>['value'] | null;
};

export type JobShape = { unitId: string; headers: string[]; mapping: TImportMapping };

/**
 * Reference lookups for a whole job: provinces (NIK rule), clusters and PPKS are small tables; every area code
 * (about 92,000, read in tens of milliseconds) so that rows are checked here without a query per batch.
 */
export async function loadJobLookups(tx: Tx) {
  const areas = await queryRows<{ code: string }>(tx, sql`select code from ${area}`);
  return {
    provinces: await repo.provinceCodes(tx),
    areas: new Set(areas.map((r) => r.code)),
    clusters: new Set((await tx.select({ code: cluster.code }).from(cluster)).map((r) => r.code)),
    ppks: new Set((await tx.select({ no: ppksCategory.no }).from(ppksCategory)).map((r) => r.no)),
  };
}
export type JobLookups = Awaited<ReturnType<typeof loadJobLookups>>;

const text = (lang: Lang, id: string, en: string) => (lang === 'id' ? id : en);

/** One row's cells → the create-person request, with problems found while reading the cells. */
export function toInput(job: JobShape, cells: string[], lang: Lang) {
  const input: Record<string, unknown> = { unitId: job.unitId, confirmNew: true };
  const problems: TErrorDetail[] = [];
  const values: Record<string, string> = {};
  for (const [header, field] of Object.entries(job.mapping)) {
    const raw = (cells[job.headers.indexOf(header)] ?? '').trim();
    if (!raw) continue;
    const bad = (issue: string, id: string, en: string) =>
      problems.push({ field, issue, message: `${header}: ${text(lang, id, en)}` });
    switch (field) {
      case 'nik':
      case 'kkNo':
        input[field] = digitsOnly(raw);
        break;
      case 'sex': {
        const s = parseSex(raw);
        if (s) input.sex = s;
        else bad('invalid_value', `"${raw}" bukan L/P`, `"${raw}" is not L/P`);
        break;
      }
      case 'birthDate': {
        const d = parseDate(raw);
        if (d) input.birthDate = d;
        else bad('invalid_format', `"${raw}": tulis DD/MM/YYYY`, `"${raw}": write DD/MM/YYYY`);
        break;
      }
      case 'aliases':
        input.aliases = splitList(raw);
        break;
      case 'clusters':
        input.clusters = splitList(raw, true).map((c) => c.toLowerCase());
        break;
      case 'ppks': {
        const nos = splitList(raw, true).map(Number);
        if (nos.every((n) => Number.isInteger(n) && n > 0)) input.ppks = nos;
        else bad('invalid_format', 'nomor PPKS harus angka', 'PPKS numbers must be numbers');
        break;
      }
      case 'phone':
        input.phones = splitList(raw).map((phone) => ({ phone, owner: 'self' }));
        break;
      case 'areaCode':
        input.areaCode = areaCode(raw);
        break;
      case 'religion':
        input.religion = religion(raw);
        break;
      case 'maritalStatus':
        input.maritalStatus = maritalStatus(raw);
        break;
      case 'nationality':
        input.nationality = raw.toUpperCase();
        break;
      case 'disabilityLevel':
        input.disabilityLevel = raw.toLowerCase();
        break;
      case 'rt':
      case 'rw':
        input[field] = raw.replace(/^'/, '');
        break;
      default:
        input[field] = raw;
    }
    const v = input[field === 'phone' ? 'phones' : field];
    values[field] = v === undefined ? raw : Array.isArray(v) ? raw : String(v);
  }
  return { input, problems, values };
}

/** A contract or rule field (phones.0.phone, clusters.1) → the import field the user mapped. */
function importField(field: string): TImportField | string {
  const head = field.split('.')[0] ?? field;
  return head === 'phones' ? 'phone' : head;
}

/** Check rows in this process: contract, the same field rules as POST /people, exact NIK repeated in the file. */
export function checkRows(
  job: JobShape,
  rows: { rowNo: number; cells: string[] }[],
  lookups: JobLookups,
  lang: Lang,
  seen: Map<string, number>,
): Assessed[] {
  const headerOf = new Map(Object.entries(job.mapping).map(([h, f]) => [f as string, h]));
  const relabel = (d: TErrorDetail): TErrorDetail => {
    const f = importField(d.field);
    const header = headerOf.get(f) ?? d.field;
    const message = d.message.startsWith(`${d.field}: `)
      ? `${header}: ${d.message.slice(d.field.length + 2)}`
      : d.message;
    return { field: f, issue: d.issue, message };
  };
  const fieldLookups: FieldLookups = { ...lookups, visible: new Set() };
  const out: Assessed[] = rows.map((r) => {
    const { input, problems, values } = toInput(job, r.cells, lang);
    const res = ZCreatePersonRequest.safeParse(input);
    const base = { rowNo: r.rowNo, values, existing: null, person: null, parts: null };
    if (!res.success || problems.length) {
      const zodProblems = res.success
        ? []
        : detailsFromZodIssues(res.error.issues, lang).filter(
            // A cell that could not be read is reported once, by toInput.
            (d) => !problems.some((p) => p.field === importField(d.field)),
          );
      return { ...base, outcome: 'invalid' as const, messages: [...problems, ...zodProblems].map(relabel) };
    }
    const checked = checkFields(res.data, fieldLookups, lang, null);
    const found = [...(checked.nikProblem ? [checked.nikProblem] : []), ...checked.problems];
    if (found.length) return { ...base, outcome: 'invalid' as const, messages: found.map(relabel) };
    return { ...base, outcome: 'valid' as const, messages: [], person: res.data, parts: checked.value };
  });
  // Exact NIK in an earlier row of this file (rows are checked in file order).
  for (const a of out) {
    const nik = a.person?.nik;
    if (a.outcome !== 'valid' || !nik) continue;
    const earlier = seen.get(nik);
    if (earlier !== undefined) {
      markDuplicate(a, job, lang, `sama dengan baris ${earlier}`, `same as line ${earlier}`, {
        personId: null,
        unit: null,
        rowNo: earlier,
      });
    } else seen.set(nik, a.rowNo);
  }
  return out;
}

function markDuplicate(
  a: Assessed,
  job: JobShape,
  lang: Lang,
  id: string,
  en: string,
  existing: Assessed['existing'],
) {
  const nikHeader = Object.entries(job.mapping).find(([, f]) => f === 'nik')?.[0] ?? 'NIK';
  a.outcome = 'duplicate';
  a.messages = [{ field: 'nik', issue: 'duplicate', message: `${nikHeader}: ${text(lang, id, en)}` }];
  a.existing = existing;
  a.person = null;
}

/** Exact NIK already in the registry (past row-level security, keys only): one query for all the rows. */
export async function markRegistered(tx: Tx, job: JobShape, rows: Assessed[], lang: Lang) {
  const niks = rows.flatMap((a) => (a.outcome === 'valid' && a.person?.nik ? [a.person.nik] : []));
  if (!niks.length) return;
  const found = await queryRows<{ nik: string; person_id: string; unit_id: string }>(
    tx,
    sql`select n.nik, b.person_id, b.unit_id
        from unnest(${`{${niks.join(',')}}`}::text[]) as n(nik), lateral atensi_person_by_nik(n.nik) b`,
  );
  if (!found.length) return;
  const byNik = new Map(found.map((f) => [f.nik, f]));
  const visible = await repo.visiblePersonIds(
    tx,
    found.map((f) => f.person_id),
  );
  const units = await repo.unitContacts(tx, [...new Set(found.map((f) => f.unit_id))]);
  for (const a of rows) {
    const f = a.outcome === 'valid' && a.person?.nik ? byNik.get(a.person.nik) : undefined;
    if (!f) continue;
    const u = units.get(f.unit_id);
    const unitRef = u ? { id: u.id, code: u.code, name: u.name } : null;
    const contact = u ? ` (${u.name}${u.phone ? `, ${u.phone}` : ''})` : '';
    markDuplicate(a, job, lang, `sudah terdaftar${contact}`, `already registered${contact}`, {
      personId: visible.has(f.person_id) ? f.person_id : null,
      unit: unitRef,
      rowNo: null,
    });
  }
}

/** Check a run of rows: contract, field rules, and exact NIK duplicates in the file and in the registry. */
export async function assessRows(
  tx: Tx,
  job: JobShape,
  rows: { rowNo: number; cells: string[] }[],
  lookups: JobLookups,
  lang: Lang,
  seen: Map<string, number>,
): Promise<Assessed[]> {
  const out = checkRows(job, rows, lookups, lang, seen);
  await markRegistered(tx, job, out, lang);
  return out;
}
