import { availabilityParameters, loadRuleSet } from '@govinspect/rule-sets';
import { availabilityVerdict } from '../src/availability-window';

const rule = availabilityParameters(loadRuleSet('national-2019'));

describe('W-V2 verdict over a window', () => {
  it('takes its numbers from the national rule set (15 s, ≥20 a day, 7 days, 5 %)', () => {
    expect(rule).toMatchObject({ probeTimeoutMs: 15_000, minProbesPerDay: 20, windowDays: 7, vetoFailureRatio: 0.05 });
    expect(rule.citation).toContain('国办秘函〔2019〕19号');
  });

  it('vetoes at exactly 5 % (超过（含）5%)', () => {
    expect(availabilityVerdict({ probes: 140, failures: 7, voided: 0 }, rule)).toEqual({ ratio: 0.05, verdict: 'veto' });
  });

  it('passes just below 5 %', () => {
    expect(availabilityVerdict({ probes: 141, failures: 7, voided: 0 }, rule).verdict).toBe('pass');
  });

  it('gives no verdict on fewer probes than the rule presumes, whatever the ratio', () => {
    expect(availabilityVerdict({ probes: 139, failures: 139, voided: 30 }, rule)).toEqual({ ratio: 1, verdict: 'insufficient-data' });
    expect(availabilityVerdict({ probes: 0, failures: 0, voided: 0 }, rule)).toEqual({ ratio: null, verdict: 'insufficient-data' });
  });
});
