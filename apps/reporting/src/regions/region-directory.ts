import { RegionLevel, regionLevel } from '@govinspect/contracts';
import { EntityManager } from 'typeorm';

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
}

/** Region names for printing; a code nobody named prints as itself. */
export async function regionNamer(m: EntityManager): Promise<(code: string) => string> {
  const rows: Array<{ code: string; name: string }> = await m.query(`SELECT code, name FROM region`);
  const names = new Map(rows.map((r) => [r.code, r.name]));
  return (code) => names.get(code) ?? code;
}

/** Is the code named in the region table, or does any registered site sit in or under it? */
export async function regionKnown(m: EntityManager, code: string): Promise<boolean> {
  const [named] = await m.query(`SELECT 1 FROM region WHERE code = $1`, [code]);
  if (named) return true;
  const prefix = regionPrefix(code);
  const [site] = await m.query(`SELECT 1 FROM region_site WHERE registered AND region_code LIKE $1 LIMIT 1`, [`${prefix}%`]);
  return !!site;
}

/** LIKE prefix matching a region and everything under it (420000 → 42, 421300 → 4213, 421302 → 421302). */
export function regionPrefix(code: string): string {
  const level = regionLevel(code);
  return level === 'province' ? code.slice(0, 2) : level === 'city' ? code.slice(0, 4) : code;
}
