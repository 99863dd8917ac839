// The outcome figures as an XLSX sheet: the same filters and scope as GET /outcomes, audited as an export.
// Text cells are neutralised so a spreadsheet never runs them as formulas.
import {
  type Lang,
  type TOutcomeFigures,
  type TOutcomesExportQuery,
  type TOutcomesResponse,
  ZOutcomesExportQuery,
} from '@atensi/contracts';
import ExcelJS from 'exceljs';
import { writeAudit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { getOutcomes } from './outcomes.service.ts';

const APPROACH: Record<Lang, Record<string, string>> = {
  id: { residential: 'Residensial', family: 'Berbasis keluarga', community: 'Berbasis komunitas' },
  en: { residential: 'Residential', family: 'Family-based', community: 'Community-based' },
};
const GROUP: Record<Lang, Record<string, string>> = {
  id: { unit: 'Unit', cluster: 'Klaster', approach: 'Pendekatan' },
  en: { unit: 'Unit', cluster: 'Cluster', approach: 'Approach' },
};
const HEAD: Record<Lang, string[]> = {
  id: [
    'PM dipantau',
    'Median pendapatan awal (Rp)',
    'Median pendapatan terakhir (Rp)',
    'Mandiri',
    'Lulus (mentas)',
    'Persentase lulus',
    'Median hari menuju mandiri',
    'Survei terlambat',
  ],
  en: [
    'Followed up',
    'Median income at intake (Rp)',
    'Median latest income (Rp)',
    'Independent',
    'Graduated',
    'Share graduated',
    'Median days to independence',
    'Surveys overdue',
  ],
};

/** A cell that starts like a formula gets a leading apostrophe, as in the people export. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function exportOutcomes(ctx: Ctx, input: TOutcomesExportQuery): Promise<Buffer> {
  const { lang: asked, ...query } = ZOutcomesExportQuery.parse(input);
  const lang: Lang = asked ?? ctx.meta.lang;
  const data = await getOutcomes(ctx, query);
  const buffer = await workbook(data, lang);
  await writeAudit(
    ctx.db,
    {
      userId: ctx.actor.userId,
      username: ctx.actor.username,
      role: ctx.actor.role,
      unitId: ctx.actor.unitId,
    },
    ctx.meta,
    {
      action: 'export',
      entity: 'outcomes',
      meta: { format: 'xlsx', filters: query, rows: data.rows.length },
    },
  );
  return buffer;
}

export function exportFileName(now = new Date()): string {
  return `capaian-${now.toISOString().slice(0, 10)}.xlsx`;
}

async function workbook(data: TOutcomesResponse, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const levelName = (level: number) => {
    const l = data.ladder.find((x) => x.level === level);
    return l ? `${level} ${lang === 'id' ? l.nameId : l.nameEn}` : String(level);
  };
  const levels = [
    ...new Set([...data.ladder.map((l) => l.level), ...data.total.levels.map((l) => l.level)]),
  ].sort((a, b) => a - b);
  const ws = wb.addWorksheet(lang === 'id' ? 'Capaian' : 'Outcomes');
  ws.columns = [
    { header: GROUP[lang][data.groupBy] ?? '', width: 40 },
    ...HEAD[lang].map((header) => ({ header, width: 18 })),
    ...levels.map((l) => ({ header: `${lang === 'id' ? 'Tingkat' : 'Level'} ${levelName(l)}`, width: 16 })),
  ];
  const label = (r: TOutcomeFigures) =>
    r.key === 'total'
      ? lang === 'id'
        ? 'Semua'
        : 'All'
      : data.groupBy === 'approach'
        ? (APPROACH[lang][r.key] ?? r.label)
        : r.label;
  for (const r of [...data.rows, data.total]) {
    ws.addRow([
      neutralise(label(r)),
      r.followed,
      r.medianFirstIncome,
      r.medianLatestIncome,
      r.independent,
      r.graduated,
      r.graduatedShare,
      r.medianDaysToIndependence,
      r.overdue,
      ...levels.map((l) => r.levels.find((x) => x.level === l)?.count ?? 0),
    ]);
  }
  ws.getColumn(3).numFmt = '#,##0';
  ws.getColumn(4).numFmt = '#,##0';
  ws.getColumn(7).numFmt = '0.0%';
  ws.getRow(1).font = { bold: true };
  const tr = wb.addWorksheet(lang === 'id' ? 'Tren bulanan' : 'Monthly trend');
  tr.columns = (
    lang === 'id'
      ? ['Bulan', 'PM baru dipantau', 'Mandiri', 'Lulus']
      : ['Month', 'New followed up', 'Independent', 'Graduated']
  ).map((header) => ({ header, width: 18 }));
  for (const t of data.trend) tr.addRow([t.month, t.intake, t.independent, t.graduated]);
  tr.getRow(1).font = { bold: true };
  const info = wb.addWorksheet(lang === 'id' ? 'Keterangan' : 'About');
  info.addRow([lang === 'id' ? 'Per tanggal' : 'As of', data.asOf]);
  info.addRow([
    lang === 'id' ? 'Periode' : 'Period',
    lang === 'id' ? 'berdasarkan tanggal penerimaan kasus' : 'by case intake date',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
