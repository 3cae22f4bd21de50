// Building contract findings: stable ids (same problem → same id across runs, so reviews carry over), schema check.
import { createHash } from 'node:crypto';
import { Finding, FindingType, findingSchema } from '@govinspect/contracts';

export interface FindingDraft {
  type: FindingType;
  url: string;
  breadcrumb?: string | null;
  evidence: string;
  archiveId?: string | null;
  attributes?: Record<string, unknown>;
  /** What tells two findings of the same type on the same page apart (label, element, href …). */
  key?: string;
}

export interface FindingContext {
  targetId: string;
  asOf: string;
}

export function findingId(targetId: string, type: string, url: string, key: string): string {
  return `f-${createHash('sha1').update(`${targetId}\u0000${type}\u0000${url}\u0000${key}`).digest('hex').slice(0, 20)}`;
}

export function toFinding(ctx: FindingContext, d: FindingDraft): Finding {
  const attributes: Record<string, unknown> = { subject: d.evidence || undefined, ...d.attributes };
  for (const k of Object.keys(attributes)) if (attributes[k] === undefined) delete attributes[k];
  return findingSchema.parse({
    id: findingId(ctx.targetId, d.type, d.url, d.key ?? ''),
    type: d.type,
    targetId: ctx.targetId,
    targetKind: 'site',
    asOf: ctx.asOf,
    location: { url: d.url, ...(d.breadcrumb ? { breadcrumb: d.breadcrumb } : {}) },
    evidence: { text: d.evidence, ...(d.archiveId ? { archiveId: d.archiveId } : {}) },
    attributes,
    source: 'machine',
  });
}
