import { randomUUID } from 'node:crypto';
import { ContractViolation, inspectionRequested, parentRegion, regionLevel, regionWithin, scorecardPublished, targetGroup } from '../src';

const period = { key: '2024Q2', kind: 'quarter' as const, from: '2024-04-01T00:00:00+08:00', to: '2024-06-30T23:59:59+08:00' };

describe('inspection-requested contract', () => {
  const base = { inspectionId: 'round-1', reason: 'round' as const, asOf: '2024-06-28T10:00:00+08:00', period, ruleSetId: 'national-2019' };

  it('accepts a region scope or explicit sites, and defaults includeSubRegions to true', () => {
    const env = inspectionRequested.create('round-1', { ...base, regionCode: '421300' } as never, 'reporting');
    expect(env.payload.includeSubRegions).toBe(true);
    expect(inspectionRequested.create('round-1', { ...base, siteIds: [randomUUID()] } as never, 'reporting').payload.siteIds).toHaveLength(1);
  });

  it('rejects a request with neither sites nor region, naming the field', () => {
    const env = { id: randomUUID(), type: inspectionRequested.type, version: 1, key: 'round-1', occurredAt: new Date().toISOString(), producer: 't', payload: base };
    expect(() => inspectionRequested.parse(JSON.stringify(env))).toThrow(ContractViolation);
    expect(() => inspectionRequested.parse(JSON.stringify(env))).toThrow(/siteIds: siteIds or regionCode is required/);
  });

  it('scorecard-published rejects an unknown result', () => {
    expect(scorecardPublished.schema.safeParse({ result: 'excellent' }).success).toBe(false);
  });
});

describe('regions', () => {
  it.each([
    ['420000', 'province', null],
    ['421300', 'city', '420000'],
    ['421302', 'county', '421300'],
  ])('%s is a %s with parent %s', (code, level, parent) => {
    expect(regionLevel(code)).toBe(level);
    expect(parentRegion(code)).toBe(parent);
  });

  it('nests counties in their city and province, not in a neighbour', () => {
    expect(regionWithin('421302', '421300')).toBe(true);
    expect(regionWithin('421302', '420000')).toBe(true);
    expect(regionWithin('421302', '421200')).toBe(false);
    expect(regionWithin('421300', '421302')).toBe(false);
  });

  it('groups sites by kind at their region level (市直部门 vs 县区门户)', () => {
    expect(targetGroup('department', '421300')).toBe('city-department');
    expect(targetGroup('portal', '421302')).toBe('county-portal');
  });

  it('rejects a code that is not 6 digits', () => {
    expect(() => regionLevel('4213')).toThrow(RangeError);
  });
});
