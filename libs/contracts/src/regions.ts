import { REGION_CODE_PATTERN } from './patterns';

/** Administrative level of a 6-digit GB/T 2260 code: 420000 province, 421200 city, 421202 county. */
export type RegionLevel = 'province' | 'city' | 'county';

export function regionLevel(code: string): RegionLevel {
  if (!REGION_CODE_PATTERN.test(code)) throw new RangeError(`not a 6-digit region code: ${JSON.stringify(code)}`);
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The code of the region one level up (a province has none). */
export function parentRegion(code: string): string | null {
  const level = regionLevel(code);
  if (level === 'province') return null;
  return level === 'city' ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
}

/** Is `code` the region `ancestor` or inside it (a county inside its city and province)? */
export function regionWithin(code: string, ancestor: string): boolean {
  const level = regionLevel(ancestor);
  if (level === 'province') return code.slice(0, 2) === ancestor.slice(0, 2);
  if (level === 'city') return code.slice(0, 4) === ancestor.slice(0, 4);
  return code === ancestor;
}

/**
 * The comparison group bulletins and rankings use (市直部门 vs 县区门户 …): the site kind at its region's level.
 * Accounts are grouped by their host unit's level the same way.
 */
export type TargetGroup =
  | 'province-portal'
  | 'province-department'
  | 'city-portal'
  | 'city-department'
  | 'county-portal'
  | 'county-department';

export const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
  'province-portal': '省政府门户网站',
  'province-department': '省直部门网站',
  'city-portal': '市政府门户网站',
  'city-department': '市直部门网站',
  'county-portal': '县（市、区）政府门户网站',
  'county-department': '县直部门网站',
};

export function targetGroup(kind: 'portal' | 'department', regionCode: string): TargetGroup {
  return `${regionLevel(regionCode)}-${kind}` as TargetGroup;
}
