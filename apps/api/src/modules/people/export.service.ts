// Export the current search (same filters as GET /people, same scope) to CSV or XLSX. Only what the search
// list shows leaves the system (no specific data, no phone numbers), every export is audited, and cells are
// neutralised so a spreadsheet never runs them as formulas.
import { PassThrough, Readable } from 'node:stream';
import {
  type Lang,
  type TPeopleExportQuery,
  type TPersonSummary,
  ZPeopleExportQuery,
} from '@atensi/contracts';
import ExcelJS from 'exceljs';
import { writeAudit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { searchPeople } from './people.service.ts';
import { CSV_BOM, csvLine, neutralise } from './spreadsheet.ts';

/** An export is a list to work with, not a copy of the registry. */
export const EXPORT_MAX_ROWS = 50_000;

const HEADERS: Record<Lang, string[]> = {
  id: [
    'Nama',
    'Alias',
    'NIK',
    'Jenis kelamin',
    'Tanggal lahir',
    'Usia',
    'Wilayah',
    'Unit',
    'Klaster',
    'Catatan',
  ],
  en: ['Name', 'Aliases', 'NIK', 'Sex', 'Birth date', 'Age', 'Area', 'Unit', 'Clusters', 'Notes'],
};
const WARNING_TEXT: Record<Lang, Record<string, string>> = {
  id: {
    needs_identity_documents: 'perlu dokumen identitas',
    nik_birth_date_mismatch: 'NIK tidak cocok dengan tanggal lahir',
    nik_sex_mismatch: 'NIK tidak cocok dengan jenis kelamin',
  },
  en: {
    needs_identity_documents: 'needs identity documents',
    nik_birth_date_mismatch: 'NIK disagrees with the birth date',
    nik_sex_mismatch: 'NIK disagrees with the sex',
  },
};

export type PeopleExport = {
  rows: TPersonSummary[];
  format: 'csv' | 'xlsx';
  capped: boolean;
  lang: Lang;
};

/** Page through the whole search (scoped by the service and by row-level security) and audit it once. */
export async function exportPeople(ctx: Ctx, input: TPeopleExportQuery): Promise<PeopleExport> {
  const { format, lang, ...filters } = ZPeopleExportQuery.parse(input);
  const rows: TPersonSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchPeople(ctx, { ...filters, limit: 100, cursor }, { audit: false });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < EXPORT_MAX_ROWS);
  const capped = Boolean(cursor);
  await writeAudit(
    ctx.db,
    {
      userId: ctx.actor.userId,
      username: ctx.actor.username,
      role: ctx.actor.role,
      unitId: ctx.actor.unitId,
    },
    ctx.meta,
    { action: 'export', entity: 'person', meta: { format, filters, rows: rows.length, capped } },
  );
  return { rows: rows.slice(0, EXPORT_MAX_ROWS), format, capped, lang: lang ?? ctx.meta.lang };
}

function cells(p: TPersonSummary, lang: Lang): (string | number)[] {
  return [
    p.fullName,
    p.aliases.join('; '),
    p.nik ?? '',
    p.sex,
    p.birthDate ?? '',
    p.ageYears ?? '',
    p.areaName ?? '',
    p.registeredUnit.name,
    p.clusters.join('; '),
    p.warnings.map((w) => WARNING_TEXT[lang][w] ?? w).join('; '),
  ];
}

export function exportFileName(format: 'csv' | 'xlsx', now = new Date()): string {
  return `penerima-manfaat-${now.toISOString().slice(0, 10)}.${format}`;
}

/** The file as a stream: CSV (UTF-8 with BOM for Excel) or XLSX with the NIK column as text. */
export function exportStream(e: PeopleExport): Readable {
  if (e.format === 'csv') {
    const lang = e.lang;
    return Readable.from(
      (function* () {
        yield CSV_BOM + csvLine(HEADERS[lang]);
        for (const p of e.rows) yield csvLine(cells(p, lang));
      })(),
    );
  }
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(e.lang === 'id' ? 'Penerima Manfaat' : 'Beneficiaries');
  ws.columns = HEADERS[e.lang].map((header, i) => ({
    header,
    width: [32, 20, 20, 8, 14, 6, 28, 36, 24, 30][i] ?? 16,
    // NIK and dates stay text: a 16-digit number loses its last digit in Excel.
    ...(i === 2 || i === 4 ? { style: { numFmt: '@' } } : {}),
  }));
  void (async () => {
    for (const p of e.rows) {
      ws.addRow(cells(p, e.lang).map((v) => (typeof v === 'string' ? neutralise(v) : v))).commit();
    }
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
