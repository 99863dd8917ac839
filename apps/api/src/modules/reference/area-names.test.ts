import { describe, expect, it } from 'vitest';
import { displayAreaName, searchAreaName } from './area-names.ts';

describe('displayAreaName', () => {
  it('writes capitalised official names the way people read them', () => {
    expect(displayAreaName('KOTA SURAKARTA')).toBe('Kota Surakarta');
    expect(displayAreaName('DKI JAKARTA')).toBe('DKI Jakarta');
    expect(displayAreaName('KEPULAUAN BANGKA BELITUNG')).toBe('Kepulauan Bangka Belitung');
  });

  it('leaves names already in mixed case alone', () => {
    expect(displayAreaName('Jebres')).toBe('Jebres');
  });
});

describe('searchAreaName', () => {
  it('drops administrative prefixes, case and punctuation', () => {
    expect(searchAreaName('Kota Surakarta')).toBe('surakarta');
    expect(searchAreaName('Kabupaten Aceh Selatan')).toBe('aceh selatan');
    expect(searchAreaName("Soka'an")).toBe('soka an');
  });
});
