import { RegionLevel, TARGET_GROUP_LABELS, TargetGroup, parentRegion, regionLevel, targetGroup } from '@govinspect/contracts';
import { ScoreCardPayload, isFailed } from '../intake/card.types';
import { formatChineseDate } from './chinese-format';

/** Everything the bulletin prints: computed once, rendered by the .docx and the .xlsx writers alike. */
export interface BulletinData {
  round: {
    id: string;
    name: string;
    office: string;
    regionCode: string;
    regionName: string;
    periodKey: string;
    asOf: string;
    publishDate: string;
    /** 2026年12月1日 */
    publishDateText: string;
    basis: string;
    deadlineText: string | null;
  };
  sites: SiteSection;
  accounts: AccountSection;
  /** 二、存在问题: by kind (indicator level2), with the units named. */
  problems: ProblemGroup[];
  requirements: string[];
  annexSites: AnnexSiteRow[];
  previous: PreviousRoundStatus | null;
}

export interface SiteSection {
  registered: number;
  checked: number;
  passed: number;
  failed: number;
  vetoed: number;
  passRate: number | null;
  coverage: number | null;
  previousPassRate: number | null;
  bonusEntered: number;
  bonusShare: number | null;
  highScoreMark: number;
  highScorers: string[];
  highScoreShare: number | null;
  groups: { group: TargetGroup; label: string; count: number; average: number | null; failed: number }[];
  byRegion: RegionRate[];
  distribution: { label: string; count: number }[];
}

export interface RegionRate {
  regionCode: string;
  /** 市直 / 县市区 name */
  label: string;
  checked: number;
  failed: number;
  passRate: number | null;
}

export interface AccountSection {
  /** false until a new-media service publishes account cards: the sections print a marked placeholder. */
  available: boolean;
  placeholder: string;
  checked: number;
  failed: number;
  passRate: number | null;
  previousPassRate: number | null;
  byRegion: RegionRate[];
  failing: { name: string; hostUnit: string; type: string; reason: string }[];
}

export interface ProblemGroup {
  kind: string;
  veto: boolean;
  units: string[];
}

export interface AnnexSiteRow {
  targetId: string;
  unit: string;
  problems: string;
  score: string;
  regionCode: string;
  group: TargetGroup;
}

export interface PreviousRoundStatus {
  roundId: string;
  name: string;
  tasks: number;
  closed: number;
  /** 经复查仍存在 (recheck found the problem again). */
  stillPresent: { unit: string; problem: string }[];
  /** Not yet reported fixed or not yet rechecked. */
  pending: { unit: string; problem: string; state: string }[];
}

export interface SiteInfo {
  siteId: string;
  kind: 'portal' | 'department' | null;
  hostUnit: string | null;
}

export interface BulletinInput {
  round: {
    id: string;
    name: string;
    office: string;
    regionCode: string;
    periodKey: string;
    asOf: string;
    highScoreMark: number;
    /** The pinned rule set's website pass mark (below it a site fails). */
    passMark: number;
  };
  publishDate: string;
  deadline: string | null;
  basis: string;
  regionName: (code: string) => string;
  /** Registered sites in the round's region (coverage denominator). */
  registeredSites: number;
  cards: ScoreCardPayload[];
  sites: Map<string, SiteInfo>;
  previous: { roundId: string; name: string; sitePassRate: number | null; accountPassRate: number | null; tasks: PrevTask[] } | null;
  requirements: string[];
}

export interface PrevTask {
  targetName: string;
  level2: string;
  state: string;
}

export const ACCOUNT_PLACEHOLDER =
  '【待接入】政务新媒体检查结果尚未报送（新媒体检查服务接入后，本部分及附件2、附件3将按检查结果自动生成）。';

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/** The own-level label of a region in per-region tables: 市直 for a city round, 省直 for a province, 县直 for a county. */
const OWN_LEVEL_LABEL: Record<RegionLevel, string> = { province: '省直', city: '市直', county: '县直' };

/** The direct child of `ancestor` that contains `code` (or `ancestor` itself for its own units). */
export function childRegionOf(code: string, ancestor: string): string {
  let c = code;
  while (c !== ancestor) {
    const up = parentRegion(c);
    if (!up) return ancestor;
    if (up === ancestor) return c;
    c = up;
  }
  return ancestor;
}

function groupOf(card: ScoreCardPayload, sites: Map<string, SiteInfo>): TargetGroup {
  const kind = sites.get(card.targetId)?.kind ?? (card.targetClass === 'portal' ? 'portal' : 'department');
  return targetGroup(kind, card.regionCode);
}

function byRegion(cards: ScoreCardPayload[], root: string, regionName: (c: string) => string): RegionRate[] {
  const rows = new Map<string, { checked: number; failed: number }>();
  for (const c of cards) {
    const child = childRegionOf(c.regionCode, root);
    const r = rows.get(child) ?? { checked: 0, failed: 0 };
    r.checked++;
    if (isFailed(c.result)) r.failed++;
    rows.set(child, r);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a === root ? -1 : b === root ? 1 : a.localeCompare(b)))
    .map(([code, r]) => ({
      regionCode: code,
      label: code === root ? OWN_LEVEL_LABEL[regionLevel(root)] : regionName(code),
      checked: r.checked,
      failed: r.failed,
      passRate: ratio(r.checked - r.failed, r.checked),
    }));
}

const GROUP_ORDER: TargetGroup[] = ['province-portal', 'province-department', 'city-portal', 'city-department', 'county-portal', 'county-department'];

/**
 * Score bands of the distribution chart. Both bounds are data: the high-score mark is the round's, the pass mark
 * the pinned rule set's (an overlay passing at 80 must not print a failed site inside a passing band).
 */
function distribution(cards: ScoreCardPayload[], highMark: number, passMark: number): { label: string; count: number }[] {
  const scored = cards.filter((c) => c.result !== 'failed-veto' && c.finalScore !== null);
  const bands = [{ label: `${highMark}分及以上`, count: scored.filter((c) => c.finalScore! >= highMark).length }];
  if (passMark < highMark) {
    bands.push({ label: `${passMark}分至${highMark}分`, count: scored.filter((c) => c.finalScore! >= passMark && c.finalScore! < highMark).length });
  }
  const low = Math.min(passMark, highMark);
  bands.push({ label: `${low}分以下`, count: scored.filter((c) => c.finalScore! < low).length });
  bands.push({ label: '一票否决', count: cards.filter((c) => c.result === 'failed-veto').length });
  return bands;
}

function problemGroups(cards: ScoreCardPayload[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  const add = (kind: string, veto: boolean, unit: string) => {
    const key = `${veto ? 'v' : 'd'}:${kind}`;
    const g = groups.get(key) ?? { kind, veto, units: [] };
    if (!g.units.includes(unit)) g.units.push(unit);
    groups.set(key, g);
  };
  for (const c of cards) {
    for (const v of c.vetoes) add(v.level2, true, c.targetName);
    for (const d of c.deductions) add(d.level2, false, c.targetName);
  }
  // Vetoes first (they decide pass/fail), then the most widespread problems.
  return [...groups.values()].sort((a, b) => Number(b.veto) - Number(a.veto) || b.units.length - a.units.length || a.kind.localeCompare(b.kind));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function computeBulletin(input: BulletinInput): BulletinData {
  const root = input.round.regionCode;
  const siteCards = input.cards.filter((c) => c.targetKind === 'site');
  const accountCards = input.cards.filter((c) => c.targetKind === 'account');
  const failed = siteCards.filter((c) => isFailed(c.result));
  const high = siteCards
    .filter((c) => c.result !== 'failed-veto' && c.finalScore !== null && c.finalScore >= input.round.highScoreMark)
    .sort((a, b) => b.finalScore! - a.finalScore! || a.targetName.localeCompare(b.targetName));
  const bonusEntered = siteCards.filter((c) => c.result === 'passed-bonus').length;

  const groups = GROUP_ORDER.map((group) => {
    const members = siteCards.filter((c) => groupOf(c, input.sites) === group);
    const scored = members.filter((c) => c.finalScore !== null && c.result !== 'failed-veto');
    const average = scored.length ? round1(scored.reduce((s, c) => s + c.finalScore!, 0) / scored.length) : null;
    return { group, label: TARGET_GROUP_LABELS[group], count: members.length, average, failed: members.filter((c) => isFailed(c.result)).length };
  }).filter((g) => g.count > 0);

  const annexSites: AnnexSiteRow[] = siteCards
    .map((c) => ({ targetId: c.targetId, unit: c.targetName, problems: c.annex.problems, score: c.annex.score, regionCode: c.regionCode, group: groupOf(c, input.sites) }))
    .sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || a.regionCode.localeCompare(b.regionCode) || a.unit.localeCompare(b.unit));

  const accountFailing = accountCards
    .filter((c) => isFailed(c.result))
    .map((c) => ({
      name: c.targetName,
      // The card contract has no host unit or platform for accounts yet; print what is known.
      hostUnit: input.regionName(c.regionCode),
      type: c.targetClass,
      reason: c.vetoes.map((v) => v.reasons.join('、') || v.level2).join('；') || c.resultLabel,
    }));

  const previous: PreviousRoundStatus | null = input.previous
    ? {
        roundId: input.previous.roundId,
        name: input.previous.name,
        tasks: input.previous.tasks.length,
        closed: input.previous.tasks.filter((t) => t.state === 'closed').length,
        stillPresent: input.previous.tasks.filter((t) => t.state === 'reopened').map((t) => ({ unit: t.targetName, problem: t.level2 })),
        pending: input.previous.tasks
          .filter((t) => t.state !== 'closed' && t.state !== 'reopened')
          .map((t) => ({ unit: t.targetName, problem: t.level2, state: t.state })),
      }
    : null;

  return {
    round: {
      id: input.round.id,
      name: input.round.name,
      office: input.round.office,
      regionCode: root,
      regionName: input.regionName(root),
      periodKey: input.round.periodKey,
      asOf: input.round.asOf,
      publishDate: input.publishDate,
      publishDateText: formatChineseDate(input.publishDate),
      basis: input.basis,
      deadlineText: input.deadline ? formatChineseDate(input.deadline) : null,
    },
    sites: {
      registered: input.registeredSites,
      checked: siteCards.length,
      passed: siteCards.length - failed.length,
      failed: failed.length,
      vetoed: siteCards.filter((c) => c.result === 'failed-veto').length,
      passRate: ratio(siteCards.length - failed.length, siteCards.length),
      coverage: ratio(siteCards.length, input.registeredSites),
      previousPassRate: input.previous?.sitePassRate ?? null,
      bonusEntered,
      bonusShare: ratio(bonusEntered, siteCards.length),
      highScoreMark: input.round.highScoreMark,
      highScorers: high.map((c) => c.targetName),
      highScoreShare: ratio(high.length, siteCards.length),
      groups,
      byRegion: byRegion(siteCards, root, input.regionName),
      distribution: distribution(siteCards, input.round.highScoreMark, input.round.passMark),
    },
    accounts: {
      available: accountCards.length > 0,
      placeholder: ACCOUNT_PLACEHOLDER,
      checked: accountCards.length,
      failed: accountCards.filter((c) => isFailed(c.result)).length,
      passRate: ratio(accountCards.filter((c) => !isFailed(c.result)).length, accountCards.length),
      previousPassRate: input.previous?.accountPassRate ?? null,
      byRegion: byRegion(accountCards, root, input.regionName),
      failing: accountFailing,
    },
    problems: problemGroups(input.cards),
    requirements: input.requirements,
    annexSites,
    previous,
  };
}
