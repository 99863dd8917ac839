/** Great-circle distance in kilometres (haversine); city-centre coordinates make more precision pointless. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

type Place = { lat: number | null; lon: number | null };

/**
 * The default coverage of each unit: its own province, plus every province whose capital is nearer to it
 * than to any other unit. Units without coordinates get their own province only.
 */
export function defaultCoverage<U extends Place & { id: string; provinceCode: string }>(
  units: U[],
  capitals: (Place & { code: string })[],
): Map<string, Set<string>> {
  const out = new Map(units.map((u) => [u.id, new Set([u.provinceCode])]));
  const located = units.filter(
    (u): u is U & { lat: number; lon: number } => u.lat !== null && u.lon !== null,
  );
  for (const cap of capitals) {
    if (cap.lat === null || cap.lon === null) continue;
    let best: { id: string; d: number } | null = null;
    for (const u of located) {
      const d = distanceKm(u, { lat: cap.lat, lon: cap.lon });
      if (!best || d < best.d) best = { id: u.id, d };
    }
    if (best) out.get(best.id)?.add(cap.code);
  }
  return out;
}
