// 功能设计 accessibility basics: axe-core's violations on the rendered homepage, one finding per rule, so a webmaster
// sees which rule failed and on how many elements. Reported, not scored nationally (no indicator in national-2019).
import type { AxeViolation } from '@govinspect/site-crawler';
import type { FindingDraft } from '../finding';
import type { SiteView } from '../site-view';

export function accessibilityViolations(view: SiteView, violations: readonly AxeViolation[] | undefined): FindingDraft[] {
  return (violations ?? []).map((v) => ({
    type: 'accessibility-violation' as const,
    url: view.homeUrl,
    breadcrumb: '首页',
    archiveId: view.home.archiveId,
    evidence: `${v.id}：${v.help}（${v.nodes}处${v.impact ? `，${v.impact}` : ''}）`,
    key: v.id,
    attributes: { element: v.id, subject: v.help, impact: v.impact, nodes: v.nodes },
  }));
}
