// Indonesian names as search sees them: lower case, no accents, punctuation or honorifics, and common
// spelling variants folded (old spelling "oe" → "u", "dj" → "j", "tj" → "c"), so "Moehammad Djoko" and
// "Muhammad Joko" meet.

const TITLES = new Set([
  'h',
  'hj',
  'haji',
  'hajjah',
  'ir',
  'dr',
  'drs',
  'dra',
  'prof',
  'st',
  'sh',
  'se',
  'spd',
  'skom',
  'amd',
  'bapak',
  'bpk',
  'pak',
  'ibu',
  'bu',
  'sdr',
  'sdri',
  'tn',
  'ny',
  'nn',
  'an',
  'alm',
  'almh',
]);

export function normaliseName(name: string): string {
  // Academic titles follow a comma ("Joko Widodo, S.E., M.M."): drop everything after the first one.
  const words = (name.split(',')[0] ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !TITLES.has(w));
  return words
    .map((w) =>
      w
        .replace(/oe/g, 'u')
        .replace(/dj/g, 'j')
        .replace(/tj/g, 'c')
        .replace(/(.)\1+/g, '$1'),
    )
    .join(' ')
    .trim();
}

/** The one text the search index covers: the name and every alias. */
export function searchNames(fullName: string, aliases: readonly string[]): string {
  return [fullName, ...aliases].map(normaliseName).filter(Boolean).join(' ');
}
