import { describe, expect, it } from 'vitest';
import { editDistance, nearestWord } from './name-search.ts';

describe('correcting a misspelt name word', () => {
  it('counts a swap of neighbouring letters as one slip', () => {
    expect(editDistance('prajo', 'parjo')).toBe(1);
    expect(editDistance('sotrisno', 'sutrisno')).toBe(1);
    expect(editDistance('wulnadari', 'wulandari')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('siti', 'siti')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('picks the candidate fewest slips away, and none that is too far for the length of the word', () => {
    expect(nearestWord('prajo', ['prab', 'parjo'])).toBe('parjo');
    expect(nearestWord('hrajo', ['harjo', 'hartono'])).toBe('harjo');
    // A four-letter word allows one slip: "siti" is not a misspelt "santi".
    expect(nearestWord('siti', ['santi'])).toBeNull();
    expect(nearestWord('ewdin', ['edwin', 'erwin'])).toBe('edwin');
    expect(nearestWord('budi', [])).toBeNull();
  });
});
