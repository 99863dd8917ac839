/** idn-area-data writes provinces and regencies in capitals; people read "Kota Surakarta", "DKI Jakarta". */
const KEEP_UPPER = new Set(['DKI', 'DI', 'II', 'III', 'IV', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']);
const KEEP_LOWER = new Set(['dan']);

export function displayAreaName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .split(/(\s+|-)/)
    .map((w) => {
      if (KEEP_UPPER.has(w)) return w;
      const lower = w.toLowerCase();
      if (KEEP_LOWER.has(lower)) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}

/** What search runs on: lower case, no accents or punctuation, without administrative prefixes. */
export function searchAreaName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^(kabupaten|kota administrasi|kota|kab\.|provinsi)\s+/, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
