// W-V3 homepage not updated, W-V4 / 发布解读 stale columns (window per column class), blank columns.
import type { FindingType } from '@govinspect/contracts';
import type { FindingDraft } from '../finding';
import { classWindow, olderThan, staleType } from '../rules';
import type { SiteView } from '../site-view';

export function homepageNotUpdated(view: SiteView): FindingDraft[] {
  const a = view.home.analysis;
  if (!a) return [];
  const window = classWindow(view.ruleSet, 'homepage');
  if (!window) return [];
  // the homepage's own blocks (every dated list on it); pinned items do not count
  let newest: string | null = null;
  for (const l of a.lists) for (const i of l.items) if (i.date && !i.pinned && (!newest || i.date > newest)) newest = i.date;
  const navigationOnly = !a.lists.some((l) => l.items.some((i) => i.date));
  if (navigationOnly) {
    // navigation-only homepage: every level-2 page counts (国办秘函〔2019〕19号 W-V3)
    for (const c of view.columns) if (c.lastUpdated && (!newest || c.lastUpdated > newest)) newest = c.lastUpdated;
  }
  if (newest && !olderThan(newest, view.asOf, window)) return [];
  return [{
    type: 'homepage-not-updated', url: view.homeUrl, breadcrumb: '首页', archiveId: view.home.archiveId,
    evidence: newest ? `首页最新信息发布于${newest}` : '首页无任何信息',
    attributes: { lastUpdated: newest, columnClass: 'homepage', window, navigationOnly: navigationOnly || undefined },
  }];
}

export function columnFreshness(view: SiteView): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const c of view.columns) {
    if (c.single) continue;
    if (c.blank) {
      out.push({
        type: 'column-blank', url: c.url, breadcrumb: c.breadcrumb, archiveId: c.archiveId, evidence: `${c.breadcrumb} 栏目无任何信息`,
        attributes: { columnClass: c.columnClass, level: c.level, lastUpdated: null },
      });
      continue;
    }
    if (!c.stale || !c.newest) continue;
    out.push({
      type: staleType(view.ruleSet, c.columnClass) as FindingType, url: c.url, breadcrumb: c.breadcrumb, archiveId: c.archiveId,
      evidence: `${c.newest.title} ${c.lastUpdated}`,
      attributes: { columnClass: c.columnClass, level: c.level, lastUpdated: c.lastUpdated, window: c.window },
    });
  }
  return out;
}

export { olderThan };
