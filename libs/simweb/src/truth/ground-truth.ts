// What a perfect inspector reports for a scenario: one typed finding per problem, with target, location
// (URL + breadcrumb) and the evidence text exactly as served. Computed from the model, not from pages,
// so a 1,000-site farm's truth costs no rendering; the served bytes are checked against it in tests.
import rules from '../data/truth-rules.json';
import { messageOf, policyLinkState, surveyOf, uninterpretedPolicies } from '../model/activities';
import { getItem } from '../model/items';
import type { AccountModel, ColumnModel, ScenarioModel, SiteModel } from '../model/types';
import { accountUrl } from '../newmedia/platforms';
import { postsOf, repostOf, STOP_NOTICE, TEXT_PLATFORMS, wordingErrorOf } from '../newmedia/posts';
import { malformedLabel } from '../render/footer';
import { brokenLinks } from '../render/links';
import { cloakedPage, hijackedKeywords, hijackedTitle, redirectTarget, spamKeywordBlock, spamLinks } from '../render/spam';
import { OFFICE_HOURS_TEXT } from '../render/pages';
import { hash32 } from '../util/hash';
import { shift, ymd, ymdhm } from '../util/time';

export interface Finding {
  id: string;
  type: string;
  /** Checklist indicator ids (W-V1..W-V6, M-V1..M-V3) and deduction rows (W-D-…, as in @govinspect/contracts). */
  indicators: string[];
  target: { kind: 'site'; siteId: string; host: string; siteCode: string; name: string } | { kind: 'account'; accountId: string; platform: string; name: string; hostUnit: string };
  location: { url: string; breadcrumb: string | null };
  evidence: string;
  /** Typed attributes using the keys of @govinspect/contracts findingAttributesSchema (columnClass, lastUpdated, label, …). */
  attributes: Record<string, unknown>;
}

export interface GroundTruth {
  scenario: string;
  asOf: string;
  seed: number;
  rules: string;
  findings: Finding[];
}

type Win = { type: string; span: string; indicators: string[] };
const WINDOWS = rules.columnWindows as Record<string, Win>;

function siteTarget(s: SiteModel): Finding['target'] {
  return { kind: 'site', siteId: s.id, host: s.host, siteCode: s.siteCode, name: s.name };
}

const LABEL_IDS: Record<string, string> = { conac: 'conac', siteCode: 'site-code', icp: 'icp', psb: 'psb', hostUnit: 'host-unit', jiucuo: 'error-report' };

const FOOTER_NAMES: Record<string, string> = {
  conac: '党政机关网站标识', siteCode: '网站标识码', icp: 'ICP备案编号', psb: '公安机关备案标识', hostUnit: '主办单位', jiucuo: '我为政府网站找错',
};

export function siteFindings(s: SiteModel): Omit<Finding, 'id'>[] {
  const out: Omit<Finding, 'id'>[] = [];
  const origin = `http://${s.host}`;
  const home = { url: `${origin}/`, breadcrumb: '首页' };
  const add = (type: string, indicators: string[], location: Finding['location'], evidence: string, attributes: Record<string, unknown> = {}) =>
    out.push({ type, indicators, target: siteTarget(s), location, evidence, attributes: { subject: evidence, ...attributes } });
  const colLoc = (c: ColumnModel) => ({ url: `${origin}${c.path}`, breadcrumb: c.breadcrumb.join('>') });

  // availability (W-V2): expected share of failed visits over the monitoring week
  const av = rules.availability;
  const hard = s.defects.find((d) => d.type === 'homepage-status' || d.type === 'homepage-hang');
  if (hard) {
    add('site-unavailable', av.indicators, home, hard.type === 'homepage-status' ? `首页返回HTTP ${hard.status}` : '首页建立连接后无响应（超过15秒）', { failureRatio: 1, windowDays: 7 });
  } else {
    for (const d of s.defects) {
      if (d.type !== 'availability') continue;
      const weekStart = shift(s.asOf, av.monitorSpan).getTime();
      let down = 0;
      for (const w of d.downWindows) {
        const a = Math.max(weekStart, shift(s.asOf, w.from).getTime());
        const b = Math.min(s.asOf.getTime(), shift(s.asOf, w.to).getTime());
        if (b > a) down += b - a;
      }
      const downShare = down / (s.asOf.getTime() - weekStart);
      const slow = d.slowMs >= av.slowSeconds * 1000 ? d.slowShare : 0;
      const share = downShare + (1 - downShare) * (d.resetShare + d.errorShare + slow);
      if (share >= av.failShare) add('site-unavailable', av.indicators, home, `监测周期内访问失败占比约${(share * 100).toFixed(1)}%`, { failureRatio: Number(share.toFixed(4)), downShare: Number(downShare.toFixed(4)), windowDays: 7 });
    }
  }
  if (!s.ipv6) add('ipv6-unavailable', ['W-D-IPV6'], home, `${s.host} 无IPv6访问`);
  if (!s.https) add('https-unavailable', ['W-D-DOMAIN'], home, `https://${s.host}/ 无法访问`);

  // columns: blank and stale (W-V4, deductions)
  const hp = rules.homepageWindow;
  const homeCols = s.columns.filter((c) => c.onHomepage && !c.single);
  const homeNewest = Math.max(-Infinity, ...homeCols.filter((c) => c.count > 0).map((c) => getItem(s, c, 0).date.getTime()));
  if (!hard && homeNewest < shift(s.asOf, hp.span).getTime()) {
    const last = Number.isFinite(homeNewest) ? ymd(new Date(homeNewest)) : null;
    add('homepage-not-updated', hp.indicators, home, last ? `首页最新信息发布于${last}` : '首页无任何信息', { lastUpdated: last });
  }
  for (const c of s.columns) {
    if (c.single) continue;
    if (c.count === 0) {
      add('column-blank', rules.blankIndicators, colLoc(c), `${c.breadcrumb.join('>')} 栏目无任何信息`, { columnClass: c.class, level: c.level, lastUpdated: null });
      continue;
    }
    const w = WINDOWS[c.class];
    const it = getItem(s, c, 0);
    if (w && it.date.getTime() < shift(s.asOf, w.span).getTime()) {
      const title = c.class === 'message-public' ? messageOf(s, 0)!.item.title : it.title;
      add(w.type, w.indicators, colLoc(c), `${title} ${ymd(it.date)}`, { columnClass: c.class, level: c.level, lastUpdated: ymd(it.date), window: w.span });
    }
  }

  // footer labels
  for (const l of s.footerMissing) {
    add('footer-label-missing', [l === 'psb' ? 'W-D-FOOTER-PSB' : 'W-D-FOOTER-OTHER'], home, `底部功能区缺少${FOOTER_NAMES[l]}`, { label: LABEL_IDS[l] });
  }
  for (const l of s.footerMalformed) {
    if (s.footerMissing.has(l as never)) continue;
    if ((l === 'icp' && !s.icpNumber) || (l === 'psb' && !s.psbNumber)) continue;
    add('footer-label-malformed', [l === 'psb' ? 'W-D-FOOTER-PSB' : 'W-D-FOOTER-OTHER'], home, malformedLabel(s, l as 'siteCode' | 'icp' | 'psb'), { label: LABEL_IDS[l] });
  }
  if (s.defects.some((d) => d.type === 'meta-sitecode-empty')) add('meta-tag-missing', ['W-D-META'], home, '<meta name="SiteIDCode" content="">', { element: 'SiteIDCode' });

  // defacement (W-V1)
  s.defects.forEach((d, n) => {
    if (d.type === 'hidden-link') {
      for (const l of spamLinks(s, n, d.count)) add('hidden-link', ['W-V1'], home, l.href, { technique: d.technique, text: l.text });
    } else if (d.type === 'spam-keywords') {
      add('illegal-content', ['W-V1'], home, spamKeywordBlock(s, n, d.count).words.join('|'), { variant: 'spam-keywords' });
    } else if (d.type === 'title-hijack') {
      add('defacement', ['W-V1'], home, hijackedTitle(s), { variant: 'title-hijack' });
    } else if (d.type === 'keyword-hijack') {
      add('defacement', ['W-V1'], home, hijackedKeywords(s), { variant: 'keyword-hijack' });
    } else if (d.type === 'cloaking') {
      add('defacement', ['W-V1'], home, cloakedPage(s).words.join('_'), { variant: 'search-engine-cloaking', userAgent: 'Baiduspider' });
    } else if (d.type === 'referrer-redirect') {
      add('defacement', ['W-V1'], home, redirectTarget(s), { variant: 'referrer-redirect', referer: 'https://www.baidu.com/' });
    } else if (d.type === 'search-broken') {
      add('search-broken', ['W-D-SEARCH'], { url: `${origin}/search/?q=`, breadcrumb: '首页>搜索' }, `站内搜索不可用（${d.mode}）`, { mode: d.mode });
    }
  });
  for (const l of brokenLinks(s)) {
    const page = l.on === 'homepage' ? home : (() => {
      const col = s.columnByKey.get('news');
      return col && col.count > 0 ? { url: `${origin}${getItem(s, col, 0).path}`, breadcrumb: col.breadcrumb.join('>') } : null;
    })();
    if (page) add('broken-link', ['W-D-LINKS'], page, l.href, { kind: l.kind, text: l.text });
  }

  // article-level injections
  for (const j of s.injections) {
    const col = s.columnByKey.get(j.column)!;
    const it = getItem(s, col, j.index);
    const loc = { url: `${origin}${j.where === 'attachment' ? it.attachments[0].path : it.path}`, breadcrumb: col.breadcrumb.join('>') };
    if (j.kind === 'privacy') add('privacy-leak', [], loc, j.text, { privacyKind: j.detail.privacyKind, where: j.where });
    if (j.kind === 'wording-error') add('wording-error', ['W-V1'], loc, j.text, { right: j.detail.right });
    if (j.kind === 'outdated-name' && it.date.getTime() >= new Date(`${j.detail.since}T00:00:00+08:00`).getTime()) {
      add('outdated-institution-name', ['W-D-INSTITUTION'], loc, j.text, { current: j.detail.current, since: j.detail.since });
    }
    if (j.kind === 'forged-date') {
      const sv = surveyOf(s, j.index)!;
      add('forged-date', ['W-V1'], { url: `${origin}${sv.item.path}`, breadcrumb: col.breadcrumb.join('>') }, `征集时间：${sv.periodText}`, { forgedKind: j.detail.forgedKind });
    }
  }

  // interaction: surveys without feedback, unanswered messages
  const sc = s.columnByKey.get('survey');
  if (sc) {
    const sf = rules.surveyFeedback;
    for (let i = 0; i < sc.count; i++) {
      const sv = surveyOf(s, i)!;
      if (sv.start.getTime() < shift(s.asOf, sf.lookBack).getTime()) break;
      if (!sv.forged && !sv.feedbackAt && shift(s.asOf, sf.span).getTime() > sv.end.getTime()) {
        add('survey-feedback-missing', sf.indicators, { url: `${origin}${sv.item.path}`, breadcrumb: sc.breadcrumb.join('>') }, `征集时间：${sv.periodText}`, { startedAt: ymd(sv.start), endedAt: ymd(sv.end), feedbackAt: null });
      }
    }
  }
  const mc = s.columns.find((c) => c.class === 'message-public');
  if (mc) {
    const mr = rules.messageReply;
    for (let i = 0; i < mc.count; i++) {
      const m = messageOf(s, i)!;
      if (m.item.date.getTime() < shift(s.asOf, mr.lookBack).getTime()) break;
      if (!m.repliedAt && m.item.date.getTime() < shift(s.asOf, mr.span).getTime()) {
        add('message-unanswered', mr.indicators, { url: `${origin}${m.item.path}`, breadcrumb: mc.breadcrumb.join('>') }, `${m.item.title} 留言时间：${ymdhm(m.item.date)}`, { receivedAt: ymd(m.item.date), repliedAt: null, columnClass: 'message-public' });
      }
    }
  }

  // 机构职能 / 领导信息 / 政策解读
  const inst = s.columns.find((c) => c.class === 'institution');
  if (inst) {
    const names: Record<string, string> = { officeHours: '办公时间', leaderName: '负责人姓名', address: '办公地址', phone: '联系方式' };
    for (const m of s.institutionMissing) add('institution-info-missing', ['W-D-INSTITUTION'], colLoc(inst), `未标明${names[m]}`, { element: names[m], unit: s.hostUnit, ...(m === 'officeHours' ? { expected: OFFICE_HOURS_TEXT } : {}) });
  }
  const ld = s.columns.find((c) => c.class === 'leadership');
  if (ld && s.leaders.count > 0) {
    const names: Record<string, string> = { photo: '照片', resume: '简历', duties: '分工' };
    for (const m of s.leaders.missing) add('leader-info-missing', ['W-D-LEADER'], colLoc(ld), `领导信息缺少${names[m]}`, { element: names[m] });
  }
  const pol = s.columnByKey.get('policy');
  const interp = s.columnByKey.get('interpretation');
  if (pol && interp) {
    for (let i = 0; i < Math.min(s.policyLinks.pairs, pol.count, interp.count); i++) {
      const st = policyLinkState(s, i);
      const p = getItem(s, pol, i);
      const q = getItem(s, interp, i);
      if (!st.policyLinksBack) add('interpretation-link-missing', ['W-D-INTERP-LINK'], { url: `${origin}${p.path}`, breadcrumb: pol.breadcrumb.join('>') }, p.title, { direction: 'policy-to-interpretation', interpretation: `${origin}${q.path}` });
      if (!st.interpretationLinks) add('interpretation-link-missing', ['W-D-INTERP-LINK'], { url: `${origin}${q.path}`, breadcrumb: interp.breadcrumb.join('>') }, q.title, { direction: 'interpretation-to-policy', policy: `${origin}${p.path}` });
    }
    for (const i of uninterpretedPolicies(s)) {
      const p = getItem(s, pol, i);
      add('interpretation-missing', ['W-D-INTERP-COVERAGE'], { url: `${origin}${p.path}`, breadcrumb: pol.breadcrumb.join('>') }, p.title);
    }
  }
  return out;
}

export function accountFindings(sc: ScenarioModel, a: AccountModel): Omit<Finding, 'id'>[] {
  const out: Omit<Finding, 'id'>[] = [];
  const target = { kind: 'account' as const, accountId: a.id, platform: a.platform, name: a.name, hostUnit: a.hostUnit };
  const loc = { url: accountUrl(a), breadcrumb: null };
  const add = (type: string, indicators: string[], evidence: string, attributes: Record<string, unknown> = {}) =>
    out.push({ type, indicators, target, location: loc, evidence, attributes: { subject: evidence, ...attributes } });
  const st = rules.accountStale;
  if (a.posts === 0) add('account-not-updated', st.indicators, '开通以来从未更新', { lastUpdated: null });
  else {
    const last = postsOf(sc, a)[0].at;
    if (last.getTime() < shift(sc.asOf, st.span).getTime()) add('account-not-updated', st.indicators, `最后更新时间：${ymd(last)}`, { lastUpdated: ymd(last) });
  }
  if (a.state === 'stopped' && a.posts > 0) add('account-stopped-not-deregistered', [], STOP_NOTICE);
  if (a.comments === 'closed') add('account-interaction-missing', ['M-V3'], '评论功能已关闭', { element: 'comments' });
  if (a.filing === 'unfiled') add('account-unfiled', [], `${a.name} 未在政务新媒体信息报送系统备案`);
  if (a.filing === 'name-mismatch') add('account-name-mismatch', [], `备案名称：${a.filedName}；实际名称：${a.name}`, { filedName: a.filedName });
  const we = wordingErrorOf(sc, a);
  if (we) add('wording-error', ['M-V1'], we.wrong, { right: we.right });
  if (TEXT_PLATFORMS.has(a.platform)) {
    for (const art of sc.assignedArticles) {
      if (art.publishedAt.getTime() > sc.asOf.getTime()) continue;
      const r = repostOf(sc, a, art);
      if (!r) add('mandated-repost-missing', [], art.title, { article: art.id, variant: 'missing' });
      else if (!r.source || r.title !== art.title) add('mandated-repost-missing', [], r.title, { article: art.id, variant: 'nonstandard' });
    }
  }
  return out;
}

export function computeGroundTruth(sc: ScenarioModel): GroundTruth {
  const findings: Finding[] = [];
  const push = (f: Omit<Finding, 'id'>) => {
    const key = f.target.kind === 'site' ? f.target.siteId : f.target.accountId;
    findings.push({ id: `f-${hash32(sc.seed, key, f.type, f.location.url, f.evidence).toString(16).padStart(8, '0')}`, ...f });
  };
  for (const s of sc.sites) siteFindings(s).forEach(push);
  for (const a of sc.accounts) accountFindings(sc, a).forEach(push);
  return { scenario: sc.name, asOf: sc.asOf.toISOString(), seed: sc.seed, rules: 'libs/simweb/src/data/truth-rules.json', findings };
}
