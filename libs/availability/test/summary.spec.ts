import fc from 'fast-check';
import { availabilityParameters, loadRuleSet } from '@govinspect/rule-sets';
import { DAY_MS, ProbeRecord, planProbeSlots, siteUnavailableFinding, summariseAvailability, voidReason } from '../src';
import { findingSchema } from '@govinspect/contracts';

const rule = availabilityParameters(loadRuleSet('national-2019'));
const asOf = new Date('2024-06-28T02:00:00Z');
const from = new Date(asOf.getTime() - rule.windowDays * DAY_MS);
const opts = { asOf, windowDays: rule.windowDays, minProbesPerDay: rule.minProbesPerDay, lateToleranceMs: 60_000 };

const slots = planProbeSlots({ siteId: 's', from, windowDays: rule.windowDays, perDay: rule.minProbesPerDay, seed: 9 });
const onTime = (i: number, ok: boolean, extra: Partial<ProbeRecord> = {}): ProbeRecord => ({
  plannedAt: slots[i].plannedAt,
  startedAt: new Date(slots[i].plannedAt.getTime() + 5),
  ok,
  failure: ok ? null : 'timeout',
  ...extra,
});

describe('summariseAvailability', () => {
  it('counts a full healthy week as complete with ratio 0', () => {
    const s = summariseAvailability(slots.map((_, i) => onTime(i, true)), opts);
    expect(s).toMatchObject({ counted: 140, failures: 0, voided: 0, ratio: 0, complete: true });
    expect(s.byDay.map((d) => d.counted)).toEqual([20, 20, 20, 20, 20, 20, 20]);
  });

  it('reports 7 failures of 140 as exactly 0.05', () => {
    const s = summariseAvailability(slots.map((_, i) => onTime(i, i >= 7)), opts);
    expect(s).toMatchObject({ counted: 140, failures: 7, ratio: 0.05, complete: true });
  });

  it('voids, and never counts, probes our side could not make', () => {
    const probes = slots.map((_, i) => onTime(i, true));
    probes[0] = { ...onTime(0, false), selfCheckOk: false }; // our network down at the same time
    probes[1] = { ...onTime(1, false), failure: 'guarded' }; // the egress guard refused before connecting
    probes[2] = { ...onTime(2, false), startedAt: new Date(slots[2].plannedAt.getTime() + 120_000) }; // overrun
    probes[3] = { plannedAt: slots[3].plannedAt, startedAt: null, ok: false }; // missed slot
    probes[4] = { ...onTime(4, false), voidReason: 'egress' };
    probes[5] = { ...onTime(5, false), selfCheckOk: true }; // the self-check passed: the site's failure
    const s = summariseAvailability(probes, opts);
    expect(s).toMatchObject({ counted: 135, failures: 1, voided: 5, voidedBy: { 'self-check': 1, egress: 2, late: 1, missed: 1 } });
    expect(s.complete).toBe(false); // day 0 has only 15 counted probes
  });

  it('a successful probe counts even when the self-check failed (it was made)', () => {
    expect(voidReason({ startedAt: asOf, ok: true, selfCheckOk: false }, opts)).toBeNull();
    expect(voidReason({ startedAt: asOf, ok: false, failure: 'timeout', selfCheckOk: false }, opts)).toBe('self-check');
  });

  it('ignores probes outside [asOf − window, asOf) and gives ratio null when nothing counted', () => {
    const s = summariseAvailability(
      [
        { startedAt: new Date(from.getTime() - 1), ok: false, failure: 'timeout' },
        { startedAt: asOf, ok: false, failure: 'timeout' },
      ],
      opts,
    );
    expect(s).toMatchObject({ counted: 0, failures: 0, voided: 0, ratio: null, complete: false });
  });

  it('property: ratio within [0, 1], counted + voided = probes in the window, voided never counted', () => {
    const probe = fc.record({
      offset: fc.integer({ min: -DAY_MS, max: rule.windowDays * DAY_MS + DAY_MS }),
      delay: fc.option(fc.integer({ min: 0, max: 600_000 }), { nil: null }),
      ok: fc.boolean(),
      failure: fc.constantFrom('timeout', 'reset', 'http-status', 'guarded', 'dns'),
      selfCheckOk: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(probe, { maxLength: 300 }), (raw) => {
        const probes: ProbeRecord[] = raw.map((r) => {
          const plannedAt = new Date(from.getTime() + r.offset);
          return { plannedAt, startedAt: r.delay === null ? null : new Date(plannedAt.getTime() + r.delay), ok: r.ok, failure: r.ok ? null : r.failure, selfCheckOk: r.selfCheckOk };
        });
        const s = summariseAvailability(probes, opts);
        const inWindow = probes.filter((p) => p.plannedAt!.getTime() >= from.getTime() && p.plannedAt!.getTime() < asOf.getTime());
        expect(s.counted + s.voided).toBe(inWindow.length);
        const countable = inWindow.filter((p) => voidReason(p, opts) === null);
        expect(s.counted).toBe(countable.length);
        expect(s.failures).toBe(countable.filter((p) => !p.ok).length);
        if (s.ratio !== null) {
          expect(s.ratio).toBeGreaterThanOrEqual(0);
          expect(s.ratio).toBeLessThanOrEqual(1);
        } else expect(s.counted).toBe(0);
        // Voiding more probes never raises the failure count.
        const moreVoided = summariseAvailability(probes.map((p) => ({ ...p, selfCheckOk: false })), opts);
        expect(moreVoided.failures).toBeLessThanOrEqual(s.failures);
        expect(Object.values(s.voidedBy).reduce((a, b) => a + b, 0)).toBe(s.voided);
      }),
      { numRuns: 200 },
    );
  });
});

describe('siteUnavailableFinding', () => {
  it('reports any window with failures as a valid site-unavailable finding carrying the W-V2 attributes', () => {
    const summary = summariseAvailability(slots.map((_, i) => onTime(i, i % 50 !== 0)), opts);
    const f = siteUnavailableFinding({ siteId: '00000000-0000-4000-8000-000000000001', url: 'http://www.yunxi.gov.cn/', asOf, windowDays: 7, summary });
    expect(findingSchema.parse(f)).toMatchObject({
      type: 'site-unavailable',
      attributes: { failureRatio: 3 / 140, probes: 140, failures: 3, windowDays: 7 },
      location: { url: 'http://www.yunxi.gov.cn/' },
    });
    expect(f!.evidence.text).toContain('2.1%');
  });

  it('reports nothing for a window without failures', () => {
    const summary = summariseAvailability(slots.map((_, i) => onTime(i, true)), opts);
    expect(siteUnavailableFinding({ siteId: 's', url: 'http://x/', asOf, windowDays: 7, summary })).toBeNull();
  });
});
