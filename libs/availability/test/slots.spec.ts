import fc from 'fast-check';
import { availabilityParameters, loadRuleSet } from '@govinspect/rule-sets';
import { DAY_MS, planProbeSlots } from '../src';

const rule = availabilityParameters(loadRuleSet('national-2019'));
const from = new Date('2024-06-21T02:00:00Z');

describe('planProbeSlots', () => {
  it('plans at least the rule set\'s probes a day over the whole window (W-V2: 7 days, ≥ 20 a day)', () => {
    const slots = planProbeSlots({ siteId: 's1', from, windowDays: rule.windowDays, perDay: rule.minProbesPerDay, seed: 1 });
    expect(slots).toHaveLength(rule.windowDays * rule.minProbesPerDay);
    for (let d = 0; d < rule.windowDays; d++) {
      const day = slots.filter((s) => s.plannedAt.getTime() >= from.getTime() + d * DAY_MS && s.plannedAt.getTime() < from.getTime() + (d + 1) * DAY_MS);
      expect(day).toHaveLength(rule.minProbesPerDay);
    }
  });

  it('is deterministic for a seed and differs between sites and seeds', () => {
    const a = planProbeSlots({ siteId: 's1', from, windowDays: 1, perDay: 24, seed: 'x' });
    const b = planProbeSlots({ siteId: 's1', from, windowDays: 1, perDay: 24, seed: 'x' });
    const c = planProbeSlots({ siteId: 's2', from, windowDays: 1, perDay: 24, seed: 'x' });
    const d = planProbeSlots({ siteId: 's1', from, windowDays: 1, perDay: 24, seed: 'y' });
    expect(a.map((s) => s.plannedAt.getTime())).toEqual(b.map((s) => s.plannedAt.getTime()));
    expect(a.map((s) => s.plannedAt.getTime())).not.toEqual(c.map((s) => s.plannedAt.getTime()));
    expect(a.map((s) => s.plannedAt.getTime())).not.toEqual(d.map((s) => s.plannedAt.getTime()));
  });

  it('spreads slots over the day: one in each of perDay equal intervals, jittered off the grid', () => {
    const slots = planProbeSlots({ siteId: 's1', from, windowDays: 1, perDay: 20, seed: 3 });
    const spacing = DAY_MS / 20;
    slots.forEach((s, i) => expect(Math.floor((s.plannedAt.getTime() - from.getTime()) / spacing)).toBe(i));
    expect(slots.filter((s, i) => s.plannedAt.getTime() !== from.getTime() + i * spacing).length).toBeGreaterThan(15);
  });

  it('rejects impossible plans with a RangeError', () => {
    expect(() => planProbeSlots({ siteId: 's', from, windowDays: 0, perDay: 20, seed: 1 })).toThrow(RangeError);
    expect(() => planProbeSlots({ siteId: 's', from, windowDays: 7, perDay: 0, seed: 1 })).toThrow(RangeError);
    expect(() => planProbeSlots({ siteId: 's', from, windowDays: 7, perDay: 24, seed: 1, minGapMs: 3_600_000 })).toThrow(/minGapMs/);
    expect(() => planProbeSlots({ siteId: 's', from: new Date('x'), windowDays: 7, perDay: 24, seed: 1 })).toThrow(RangeError);
  });

  it('property: ≥ perDay slots a day, sorted, no two closer than the minimum gap, all inside the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 96 }), fc.string(), fc.double({ min: 0, max: 0.99, noNaN: true }), (days, perDay, seed, gapShare) => {
        const minGapMs = Math.floor((DAY_MS / perDay) * gapShare);
        const slots = planProbeSlots({ siteId: 'p', from, windowDays: days, perDay, seed, minGapMs });
        expect(slots).toHaveLength(days * perDay);
        for (let i = 1; i < slots.length; i++) expect(slots[i].plannedAt.getTime() - slots[i - 1].plannedAt.getTime()).toBeGreaterThanOrEqual(minGapMs);
        for (const s of slots) {
          expect(s.plannedAt.getTime()).toBeGreaterThanOrEqual(from.getTime() + s.day * DAY_MS);
          expect(s.plannedAt.getTime()).toBeLessThan(from.getTime() + (s.day + 1) * DAY_MS);
        }
      }),
      { numRuns: 200 },
    );
  });
});
