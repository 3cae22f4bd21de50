// Availability schedule of a site: down windows on the simulated clock, and intermittent slow,
// failing or reset responses decided per request by a keyed hash of (site, request number).
import type { SiteModel } from '../model/types';
import { rand } from '../util/hash';
import { shift } from '../util/time';

export type Disruption = { kind: 'reset' } | { kind: 'hang' } | { kind: 'status'; status: number } | { kind: 'slow'; ms: number } | null;

export function disruption(site: SiteModel, now: Date, requestNo: number): Disruption {
  for (const d of site.defects) {
    if (d.type !== 'availability') continue;
    for (const w of d.downWindows) {
      const from = shift(site.asOf, w.from).getTime();
      const to = shift(site.asOf, w.to).getTime();
      if (now.getTime() >= from && now.getTime() < to) return w.mode === 'reset' ? { kind: 'reset' } : w.mode === 'hang' ? { kind: 'hang' } : { kind: 'status', status: 503 };
    }
    const r = rand(site.seed, site.id, 'req', requestNo);
    if (r < d.resetShare) return { kind: 'reset' };
    if (r < d.resetShare + d.errorShare) return { kind: 'status', status: [500, 502, 503, 504][requestNo % 4] };
    if (r < d.resetShare + d.errorShare + d.slowShare) return { kind: 'slow', ms: d.slowMs };
  }
  return null;
}
