import { describe, expect, it } from 'vitest';
import { normaliseName, searchNames } from './names.ts';
import { checkNik, nikWarnings } from './nik.ts';
import { toE164 } from './phone.ts';

const provinces = new Set(['11', '31', '32', '35', '73']);
const known = (c: string) => provinces.has(c);

describe('NIK rules', () => {
  it('accepts a valid NIK and reads birth date and sex from it (women: day + 40)', () => {
    const man = checkNik('3578011203850001', known);
    expect(man).toEqual({ ok: true, parts: { provinceCode: '35', day: 12, month: 3, yy: 85, sex: 'L' } });
    const woman = checkNik('7371015207990002', known);
    expect(woman.ok && woman.parts).toMatchObject({ day: 12, month: 7, sex: 'P' });
  });

  it.each([
    ['357801120385001', 'format'],
    ['35780112038500a1', 'format'],
    ['9978011203850001', 'province'],
    ['3578013203850001', 'day'],
    ['3578017203850001', 'day'],
    ['3578010003850001', 'day'],
    ['3578011213850001', 'month'],
    ['3578011200850001', 'month'],
    ['3578011203850000', 'serial'],
  ])('rejects %s: rule %s', (nik, rule) => {
    expect(checkNik(nik, known)).toEqual({ ok: false, rule });
  });

  it('warns, not rejects, when the NIK disagrees with the recorded birth date or sex', () => {
    const r = checkNik('3578011203850001', known);
    if (!r.ok) throw new Error('expected a valid NIK');
    expect(nikWarnings(r.parts, '1985-03-12', 'L')).toEqual([]);
    expect(nikWarnings(r.parts, '1985-03-13', 'L')).toEqual(['nik_birth_date_mismatch']);
    expect(nikWarnings(r.parts, '1985-03-12', 'P')).toEqual(['nik_sex_mismatch']);
    expect(nikWarnings(r.parts, null, 'L')).toEqual([]);
  });
});

describe('names', () => {
  it('folds old spelling, titles and punctuation so variants meet', () => {
    expect(normaliseName('H. Moehammad Djoko, S.E.')).toBe('muhamad joko');
    expect(normaliseName('Muhammad  Joko')).toBe('muhamad joko');
    expect(normaliseName('Tjut Nyak Dhien')).toBe('cut nyak dhien');
    expect(searchNames('Siti Aminah', ['Mbak Ami'])).toBe('siti aminah mbak ami');
  });
});

describe('phone numbers', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 789', '+628123456789'],
    ['6281234567890', '+6281234567890'],
    ['(031) 5678901', '+62315678901'],
  ])('normalises %s to %s', (input, out) => {
    expect(toE164(input)).toBe(out);
  });
  it.each(['12345', '0812', '08123456789012345', 'phone', '+620812345678'])('rejects %s', (input) => {
    expect(toE164(input)).toBeNull();
  });
});
