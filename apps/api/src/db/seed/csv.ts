import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from '../../config.ts';

/** Reference data copied from ../shared/data (see seed-data/SOURCES.md), committed with the project. */
export const SEED_DATA_DIR = path.join(REPO_ROOT, 'apps/api/seed-data');

export function readSeedCsv(file: string): Record<string, string>[] {
  return readCsvFile(path.join(SEED_DATA_DIR, file));
}

export function readCsvFile(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  // relax_quotes: idn-area-data writes apostrophes as a bare quote inside names (Soka"an).
  return parse(text, { columns: true, skip_empty_lines: true, trim: true, relax_quotes: true }) as Record<
    string,
    string
  >[];
}
