/** The W-V2 verdict for one site over the window that ends at `asOf`. Pure, so it is unit-tested on its own. */
export interface AvailabilityCounts {
  probes: number;
  failures: number;
  voided: number;
}

export interface AvailabilityRule {
  windowDays: number;
  minProbesPerDay: number;
  vetoFailureRatio: number;
}

export type AvailabilityVerdict = 'veto' | 'pass' | 'insufficient-data';

export function availabilityVerdict(counts: AvailabilityCounts, rule: AvailabilityRule): { ratio: number | null; verdict: AvailabilityVerdict } {
  const ratio = counts.probes > 0 ? counts.failures / counts.probes : null;
  // The rule presumes ≥ minProbesPerDay probes on each day of the window; fewer counted probes cannot support a verdict.
  if (counts.probes < rule.minProbesPerDay * rule.windowDays) return { ratio, verdict: 'insufficient-data' };
  return { ratio, verdict: (ratio as number) >= rule.vetoFailureRatio ? 'veto' : 'pass' };
}
