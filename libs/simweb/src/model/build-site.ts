// Turns a validated site spec into the resolved model every renderer and the ground truth read.
// All randomness is keyed by (scenario seed, site id, ...), never sequential.
import lexicon from '../data/lexicon.json';
import { bankCard, idNumber, mobile } from '../content/privacy';
import type { SiteSpec } from '../scenario/schema';
import { pick, rand } from '../util/hash';
import { DAY_MS, shift } from '../util/time';
import { DEPARTMENT_COLUMNS, PORTAL_COLUMNS, SECTIONS, SINGLE_PAGE_CLASSES } from './catalogue';
import type { ArticleInjection, ColumnModel, SiteModel, Template } from './types';
import type { ColumnClass, DateFormat } from '../scenario/schema';

/** Healthy defaults: [items, newest age in days, days between items]. */
const HEALTHY: Record<ColumnClass, [number, number, number]> = {
  news: [120, 1, 1.5],
  notice: [60, 4, 6],
  policy: [40, 12, 20],
  interpretation: [24, 15, 25],
  personnel: [30, 25, 30],
  planning: [15, 40, 60],
  'service-stats': [24, 20, 30],
  'message-public': [30, 2, 3],
  survey: [6, 40, 60],
  interview: [12, 30, 40],
  institution: [0, 0, 1],
  leadership: [0, 0, 1],
  other: [20, 30, 25],
};

const DEFAULT_FORMAT: Record<Template, DateFormat> = { hanweb: 'iso', trs: 'bracket-md', aspnet: 'tooltip' };

export class ScenarioError extends Error {
  readonly code = 'SIMWEB_SCENARIO_INVALID';
}

export function buildSite(spec: SiteSpec, num: number, asOf: Date, seed: number): SiteModel {
  const catalogue = spec.kind === 'portal' ? PORTAL_COLUMNS : DEPARTMENT_COLUMNS;
  for (const key of Object.keys(spec.columns)) {
    if (!catalogue.some((c) => c.key === key)) {
      throw new ScenarioError(`site ${spec.id}: unknown column "${key}" (known: ${catalogue.map((c) => c.key).join(', ')})`);
    }
  }
  const columns: ColumnModel[] = [];
  for (const base of catalogue) {
    const o = spec.columns[base.key] ?? {};
    if (o.removed) continue;
    const cls = o.class ?? base.class;
    const [items, newestDays, interval] = HEALTHY[cls];
    const jitter = 0.5 + rand(seed, spec.id, base.key, 'fresh') / 2;
    const section = SECTIONS.find((s) => s.key === base.section)!;
    const parent = base.parent ? catalogue.find((c) => c.key === base.parent) : undefined;
    let count = o.items ?? items;
    if (cls === 'message-public') count = spec.messages.count;
    if (cls === 'survey' && o.items === undefined) count = spec.surveys.count;
    const name = o.name ?? base.name;
    const newestAt =
      cls === 'message-public'
        ? shift(asOf, spec.messages.newest)
        : o.newest
          ? shift(asOf, o.newest)
          : new Date(asOf.getTime() - Math.round(newestDays * jitter * DAY_MS));
    columns.push({
      key: base.key,
      name,
      class: cls,
      section: base.section,
      sectionName: section.name,
      path: base.path,
      level: base.level,
      parent: base.parent,
      breadcrumb: ['首页', section.name, ...(parent ? [parent.name] : []), name],
      count: SINGLE_PAGE_CLASSES.has(cls) ? 0 : count,
      newestAt,
      intervalDays: cls === 'message-public' ? spec.messages.interval : (o.interval ?? interval),
      dateFormat: o.dateFormat ?? (cls === 'news' || cls === 'notice' ? DEFAULT_FORMAT[spec.template] : 'iso'),
      pinned: o.pinned ?? 0,
      commentedOut: o.commentedOut ?? false,
      staleAttribute: o.staleAttribute ?? false,
      jsFilled: o.jsFilled ?? false,
      onHomepage: o.onHomepage ?? base.onHomepage ?? false,
      single: SINGLE_PAGE_CLASSES.has(cls),
    });
  }
  const site: SiteModel = {
    id: spec.id,
    num,
    name: spec.name,
    host: spec.host.toLowerCase(),
    kind: spec.kind,
    regionCode: spec.region,
    siteCode: spec.siteCode,
    hostUnit: spec.hostUnit,
    operatorUnit: spec.operatorUnit ?? spec.hostUnit,
    icpNumber: spec.icpNumber,
    psbNumber: spec.psbNumber,
    template: spec.template,
    charset: spec.charset,
    charsetDeclaration: spec.charsetDeclaration,
    ipv6: spec.ipv6,
    https: spec.https,
    seed,
    asOf,
    columns,
    columnByKey: new Map(columns.map((c) => [c.key, c])),
    columnByPath: new Map(columns.map((c) => [c.path, c])),
    defects: spec.defects,
    footerMissing: new Set(spec.defects.flatMap((d) => (d.type === 'footer-label-missing' ? d.labels : []))),
    footerMalformed: new Set(spec.defects.flatMap((d) => (d.type === 'footer-label-malformed' ? d.labels : []))),
    injections: [],
    institutionMissing: spec.institution.missing,
    leaders: spec.leaders,
    policyLinks: spec.policyLinks,
    surveys: { count: spec.surveys.count, feedbackMissing: new Set() },
    messages: {
      count: spec.messages.count,
      newestAt: shift(asOf, spec.messages.newest),
      intervalDays: spec.messages.interval,
      replyDays: spec.messages.replyDays,
      unanswered: new Set(),
    },
    consultation: spec.consultation,
    peers: [],
  };
  site.injections = buildInjections(site);
  chooseUnanswered(site, spec.messages.unanswered);
  chooseMissingFeedback(site, spec.surveys.feedbackMissing);
  return site;
}

function requireItem(site: SiteModel, column: string, index: number, what: string): void {
  const col = site.columnByKey.get(column);
  if (!col || col.single) throw new ScenarioError(`site ${site.id}: ${what} targets column "${column}", which has no item list`);
  if (index >= col.count) throw new ScenarioError(`site ${site.id}: ${what} targets item ${index} of "${column}", which has ${col.count} items`);
}

function buildInjections(site: SiteModel): ArticleInjection[] {
  const out: ArticleInjection[] = [];
  site.defects.forEach((d, n) => {
    const key = [site.seed, site.id, 'defect', n];
    if (d.type === 'privacy-leak') {
      requireItem(site, d.column, d.item, d.type);
      const person = pick(lexicon.surnames, ...key, 'sn') + pick(lexicon.givenNames, ...key, 'gn');
      const text =
        d.kind === 'id-number' ? idNumber(site.regionCode, ...key) : d.kind === 'mobile' ? mobile(...key) : bankCard(...key);
      const label = { 'id-number': '身份证号码', mobile: '联系电话', 'bank-card': '银行账号' }[d.kind];
      out.push({
        column: d.column, index: d.item, where: d.where, kind: 'privacy', text,
        sentence: `${person}，${label}：${text}。`, detail: { privacyKind: d.kind, person },
      });
    } else if (d.type === 'outdated-institution-name') {
      requireItem(site, d.column, d.item, d.type);
      const e = pick(lexicon.outdatedNames, ...key);
      const city = site.name.replace(/人民政府.*$|政府.*$/, '');
      const text = `${city}${e.old}`;
      out.push({
        column: d.column, index: d.item, where: 'article', kind: 'outdated-name', text,
        sentence: `${text}有关负责同志参加会议并作交流发言。`, detail: { old: e.old, current: e.new, since: e.since },
      });
    } else if (d.type === 'wording-error') {
      requireItem(site, d.column, d.item, d.type);
      const e = d.entry !== undefined ? lexicon.wordingErrors[d.entry % lexicon.wordingErrors.length] : pick(lexicon.wordingErrors, ...key);
      out.push({
        column: d.column, index: d.item, where: 'article', kind: 'wording-error', text: e.wrong,
        sentence: `会议要求，全面贯彻落实${e.wrong}有关部署要求，扎实做好各项工作。`, detail: { wrong: e.wrong, right: e.right },
      });
    } else if (d.type === 'forged-date') {
      requireItem(site, 'survey', 0, d.type);
      const text = d.kind === 'year-2000' ? '2000年3月30日至2000年4月30日' : '';
      out.push({
        column: 'survey', index: 0, where: 'article', kind: 'forged-date', text, sentence: '',
        detail: { forgedKind: d.kind },
      });
    }
  });
  return out;
}

/** Messages that stay unanswered although older than the reply window: taken from the oldest part within a year. */
function chooseUnanswered(site: SiteModel, n: number): void {
  const m = site.messages;
  const ageOf = (i: number) => (site.asOf.getTime() - m.newestAt.getTime()) / DAY_MS + i * m.intervalDays;
  for (let i = 0; i < m.count && m.unanswered.size < n; i++) {
    if (ageOf(i) >= 100 && ageOf(i) < 330) m.unanswered.add(i);
  }
}

/** Surveys without published feedback: the most recent ones that ended long enough ago for it to be due. */
function chooseMissingFeedback(site: SiteModel, n: number): void {
  const col = site.columnByKey.get('survey');
  if (!col) return;
  // activities last 15 days; feedback is due 1 month after the end; pick the first indexes old enough
  const dueAgeDays = 15 + 31 + 1;
  const ageOf = (i: number) => (site.asOf.getTime() - col.newestAt.getTime()) / DAY_MS + i * col.intervalDays;
  for (let i = 0; i < col.count && site.surveys.feedbackMissing.size < n; i++) {
    if (ageOf(i) >= dueAgeDays && ageOf(i) < 330) site.surveys.feedbackMissing.add(i);
  }
}
