import type { Finding } from '@govinspect/contracts';
import type { EvidenceRef } from './card';

/** Evidence references in a stable order (by printed label, then finding id). */
export function evidenceRefs(findings: readonly Finding[]): EvidenceRef[] {
  const refs = findings.map((f) => {
    const where = f.location.breadcrumb ?? f.location.url;
    const subject = f.attributes.subject;
    const ref: EvidenceRef = { findingId: f.id, label: subject ? `${where}（${subject}）` : where, url: f.location.url };
    if (f.evidence.archiveId) ref.archiveId = f.evidence.archiveId;
    return ref;
  });
  return refs.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0));
}

export interface AnnexValues {
  level1: string;
  level2: string;
  points?: string;
  total?: string;
  count: number;
  reasons?: string;
  evidence: EvidenceRef[];
}

/**
 * Fill the rule set's official sentence, e.g.
 * 其他栏目存在应更新未更新的，每发现一处，扣1分。共扣2分。首页>公众互动>在线访谈>访谈预告 首页>魅力嘉鱼>嘉鱼概况>嘉鱼交通
 * Evidence locations are separated by one space, each printed once.
 */
export function renderAnnex(template: string, v: AnnexValues): string {
  const evidence = [...new Set(v.evidence.map((e) => e.label))].join(' ');
  const values: Record<string, string> = {
    level1: v.level1,
    level2: v.level2,
    points: v.points ?? '',
    total: v.total ?? '',
    count: String(v.count),
    reasons: v.reasons ?? '',
    evidence,
  };
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? values[k] : m)).trim();
}
