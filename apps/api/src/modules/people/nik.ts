// NIK (Nomor Induk Kependudukan), 16 digits `PP RR DD dd mm yy ssss`: area of first registration, day of
// birth (plus 40 for women), month, two-digit year, serial from 0001. Broken rules reject the NIK; a NIK
// that disagrees with the recorded birth date or sex is kept with a warning (a NIK is never corrected).

export type NikRule = 'format' | 'province' | 'day' | 'month' | 'serial';

export type NikParts = {
  provinceCode: string;
  /** Day of month, 1–31, with the +40 for women removed. */
  day: number;
  month: number;
  /** Two-digit year: the century is not in the NIK. */
  yy: number;
  sex: 'L' | 'P';
};

/** Check a NIK's shape; `provinceExists` answers whether a two-digit province code is known. */
export function checkNik(
  nik: string,
  provinceExists: (code: string) => boolean,
): { ok: true; parts: NikParts } | { ok: false; rule: NikRule } {
  if (!/^[0-9]{16}$/.test(nik)) return { ok: false, rule: 'format' };
  const provinceCode = nik.slice(0, 2);
  if (!provinceExists(provinceCode)) return { ok: false, rule: 'province' };
  const dd = Number(nik.slice(6, 8));
  const isWoman = dd >= 41;
  if (!((dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71))) return { ok: false, rule: 'day' };
  const month = Number(nik.slice(8, 10));
  if (month < 1 || month > 12) return { ok: false, rule: 'month' };
  if (nik.slice(12) === '0000') return { ok: false, rule: 'serial' };
  return {
    ok: true,
    parts: {
      provinceCode,
      day: isWoman ? dd - 40 : dd,
      month,
      yy: Number(nik.slice(10, 12)),
      sex: isWoman ? 'P' : 'L',
    },
  };
}

export type NikWarning = 'nik_birth_date_mismatch' | 'nik_sex_mismatch';

/** Disagreements between a valid NIK and the recorded birth date and sex (flagged, never rejected). */
export function nikWarnings(parts: NikParts, birthDate: string | null, sex: 'L' | 'P'): NikWarning[] {
  const out: NikWarning[] = [];
  if (parts.sex !== sex) out.push('nik_sex_mismatch');
  if (birthDate) {
    const [y = '', m = '', d = ''] = birthDate.split('-');
    if (Number(d) !== parts.day || Number(m) !== parts.month || Number(y.slice(2)) !== parts.yy) {
      out.push('nik_birth_date_mismatch');
    }
  }
  return out;
}
