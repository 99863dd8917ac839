// Reading and writing spreadsheets: CSV (comma or semicolon, UTF-8 with or without BOM, or Windows-1252
// as older Excel saves it) and XLSX (exceljs). Cells come out as trimmed strings; Excel dates as YYYY-MM-DD.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export type Sheet = { format: 'csv' | 'xlsx'; headers: string[]; rows: string[][] };

export class SheetError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Read a CSV or XLSX file, deciding by its content, never by its name. */
export async function readSheet(bytes: Buffer): Promise<Sheet> {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readXlsx(bytes);
  return readCsv(bytes);
}

function decodeText(bytes: Buffer): string {
  // A text file has no NUL bytes: images, PDFs and other binaries do.
  if (bytes.subarray(0, 8192).includes(0)) throw new SheetError('binary file');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The delimiter that splits the first line into the most columns (outside quotes). */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

function readCsv(bytes: Buffer): Sheet {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (err) {
    throw new SheetError(err instanceof Error ? err.message : 'unreadable CSV');
  }
  return toSheet('csv', records);
}

function pad(n: number, w = 2) {
  return String(n).padStart(w, '0');
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel stores dates without a zone; exceljs reads them as UTC midnight.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'number') {
    // Long numbers (a NIK typed as a number) must not become 3.37e+15.
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return '';
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new SheetError(err instanceof Error ? err.message : 'unreadable XLSX');
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) throw new SheetError('empty workbook');
  const records: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null).trim());
    records.push(cells);
  });
  return toSheet('xlsx', records);
}

/** First non-empty row is the header: blanks get a name, repeated names a number. */
function toSheet(format: Sheet['format'], records: string[][]): Sheet {
  const nonEmpty = records.filter((r) => r.some((c) => c !== ''));
  const [head, ...rows] = nonEmpty;
  if (!head) throw new SheetError('no header row');
  const seen = new Map<string, number>();
  const headers = head.map((h, i) => {
    const name = h.replace(/\s+/g, ' ').trim() || `Kolom ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
  return { format, headers, rows };
}

/**
 * A spreadsheet opens `=…`, `+…`, `-…`, `@…` (and tab or carriage return first) as a formula: prefix an
 * apostrophe so the cell stays text (CSV injection).
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line (comma-separated, quoted where needed, formulas neutralised), ending in CRLF. */
export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values
    .map((v) => {
      const s = neutralise(v === null || v === undefined ? '' : String(v));
      return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',')}\r\n`;
}

/** UTF-8 byte order mark: Excel then reads the CSV as UTF-8 (names like "Ni Luh Putu Ayu Ṣ."). */
export const CSV_BOM = '\uFEFF';

// ---- cells as people write them → the values the person contract takes ----

const SEX: Record<string, 'L' | 'P'> = {
  l: 'L',
  lk: 'L',
  'laki-laki': 'L',
  'laki laki': 'L',
  lakilaki: 'L',
  pria: 'L',
  m: 'L',
  male: 'L',
  p: 'P',
  pr: 'P',
  perempuan: 'P',
  wanita: 'P',
  w: 'P',
  f: 'P',
  female: 'P',
};

/** L/P, Laki-laki/Perempuan, Pria/Wanita (and English); null when not understood. */
export function parseSex(value: string): 'L' | 'P' | null {
  return SEX[value.trim().toLowerCase()] ?? null;
}

function isoIfReal(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** DD/MM/YYYY (also with - or .), YYYY-MM-DD, or an Excel serial day number; null when not a real date. */
export function parseDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) return isoIfReal(Number(m[3]), Number(m[2]), Number(m[1]));
  if (/^\d{1,5}(\.0+)?$/.test(v)) {
    // Excel's day 1 is 1900-01-01, and it counts 1900-02-29, which never was: day 0 is 1899-12-30.
    const serial = Number(v);
    if (serial < 1 || serial > 80_000) return null;
    const dt = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    return isoIfReal(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
  }
  return null;
}

/** A NIK or KK as typed: spaces, dots and Excel's leading apostrophe removed. */
export function digitsOnly(value: string): string {
  return value.replace(/^'/, '').replace(/[\s.-]/g, '');
}

/** Area codes with or without dots: 3372 → 33.72, 3372011001 → 33.72.01.1001. */
export function areaCode(value: string): string {
  const v = value.trim();
  if (!/^\d+$/.test(v)) return v;
  const parts = [v.slice(0, 2), v.slice(2, 4), v.slice(4, 6), v.slice(6)].filter(Boolean);
  return parts.join('.');
}

const RELIGION: Record<string, string> = {
  kristen: 'protestan',
  'kristen protestan': 'protestan',
  katholik: 'katolik',
  'kristen katolik': 'katolik',
  budha: 'buddha',
  konghucu: 'khonghucu',
  'kong hu cu': 'khonghucu',
  kepercayaan: 'kepercayaan',
};

export function religion(value: string): string {
  const v = value.trim().toLowerCase();
  return RELIGION[v] ?? v;
}

const MARITAL: Record<string, string> = {
  'belum kawin': 'belum_kawin',
  'belum menikah': 'belum_kawin',
  lajang: 'belum_kawin',
  kawin: 'kawin',
  menikah: 'kawin',
  'cerai hidup': 'cerai_hidup',
  'cerai mati': 'cerai_mati',
};

export function maritalStatus(value: string): string {
  const v = value.trim().toLowerCase().replace(/_/g, ' ');
  return MARITAL[v] ?? v.replace(/ /g, '_');
}

/** Several values in one cell: "a; b", "a | b" (and commas for codes). */
export function splitList(value: string, commas = false): string[] {
  return value
    .split(commas ? /[;|,]/ : /[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
