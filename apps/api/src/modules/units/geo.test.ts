import { describe, expect, it } from 'vitest';
import { defaultCoverage, distanceKm } from './geo.ts';

describe('distanceKm', () => {
  it('measures Jakarta to Surabaya as about 660 km', () => {
    const d = distanceKm({ lat: -6.2, lon: 106.8167 }, { lat: -7.2575, lon: 112.7521 });
    expect(d).toBeGreaterThan(640);
    expect(d).toBeLessThan(680);
  });

  it('is zero for the same place', () => {
    expect(distanceKm({ lat: -7.5666, lon: 110.8166 }, { lat: -7.5666, lon: 110.8166 })).toBe(0);
  });
});

describe('defaultCoverage', () => {
  const units = [
    { id: 'solo', provinceCode: '33', lat: -7.5666, lon: 110.8166 },
    { id: 'makassar', provinceCode: '73', lat: -5.1477, lon: 119.4327 },
    { id: 'nowhere', provinceCode: '91', lat: null, lon: null },
  ];
  const capitals = [
    { code: '33', lat: -6.9667, lon: 110.4167 }, // Semarang
    { code: '34', lat: -7.7956, lon: 110.3695 }, // Yogyakarta
    { code: '74', lat: -3.9985, lon: 122.513 }, // Kendari
    { code: '91', lat: -2.5337, lon: 140.7181 }, // Jayapura
  ];

  it('gives each unit its own province and the provinces whose capital is nearest to it', () => {
    const cov = defaultCoverage(units, capitals);
    expect([...(cov.get('solo') ?? [])].sort()).toEqual(['33', '34']);
    expect([...(cov.get('makassar') ?? [])].sort()).toEqual(['73', '74', '91']);
  });

  it('gives a unit without coordinates only its own province', () => {
    expect([...(defaultCoverage(units, capitals).get('nowhere') ?? [])]).toEqual(['91']);
  });
});
