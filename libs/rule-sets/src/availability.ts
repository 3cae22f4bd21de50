import { RuleSetError } from './errors';
import { RuleSet } from './resolve';

export interface AvailabilityParameters {
  probeTimeoutMs: number;
  minProbesPerDay: number;
  windowDays: number;
  vetoFailureRatio: number;
  /** Document number and verbatim clause, e.g. 国办秘函〔2019〕19号：监测1周，… */
  citation: string;
  indicatorId: string;
}

/** Probe parameters of the site-unavailable veto (W-V2 nationally) for the crawl service's availability monitor. */
export function availabilityParameters(ruleSet: RuleSet): AvailabilityParameters {
  const ind = ruleSet.indicators.find((i) => i.kind === 'veto' && i.findingTypes.includes('site-unavailable'));
  const source = `${ruleSet.id}@${ruleSet.version}`;
  if (!ind) throw new RuleSetError('rule-set-invalid', source, [{ path: 'indicators', message: 'no veto indicator consumes site-unavailable' }]);
  const num = (name: string): number => {
    const v = ind.params[name]?.value;
    if (typeof v !== 'number') throw new RuleSetError('rule-set-invalid', source, [{ path: `indicators[${ind.id}].params.${name}`, message: 'missing or not a number' }]);
    return v;
  };
  return {
    probeTimeoutMs: num('probeTimeoutMs'),
    minProbesPerDay: num('minProbesPerDay'),
    windowDays: num('windowDays'),
    vetoFailureRatio: num('vetoFailureRatio'),
    citation: `${ind.citation.document}：${ind.citation.clause}`,
    indicatorId: ind.id,
  };
}
