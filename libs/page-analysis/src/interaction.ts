// Single pages and interaction columns: 机构职能 elements, 领导信息, 调查征集 periods, 留言公开 boards.
import type { Element } from 'domhandler';
import { analysePage } from './analyse';
import { absolutise, attr, classId, inlineText, isElement, textOf, walk } from './dom';
import { buildContext } from './context';
import { findDates, type DateContext } from './dates';
import type { PageAnalysis } from './types';

export type InstitutionElement = 'officeHours' | 'leaderName' | 'address' | 'phone';

const ELEMENTS: [InstitutionElement, RegExp][] = [
  ['officeHours', /(办公时间|工作时间|受理时间)\s*[：:]\s*(\S.*)?/],
  ['leaderName', /(主要负责人|负责人|局长|主任|处长|科长|所长|站长|队长|部长|厅长|党组书记)\s*[：:]\s*(\S.*)?/],
  ['address', /(办公地址|单位地址|通讯地址|联系地址|地址)\s*[：:]\s*(\S.*)?/],
  ['phone', /(联系电话|办公电话|咨询电话|值班电话|电话|联系方式)\s*[：:]\s*(\S.*)?/],
];

function valuePresent(el: InstitutionElement, v: string | undefined): boolean {
  if (!v) return false;
  const s = v.trim();
  if (el === 'leaderName') return /^[\u4e00-\u9fa5·]{2,5}(\s|$|[，,（(])/.test(s) || /^[\u4e00-\u9fa5·]{2,5}$/.test(s);
  if (el === 'phone') return /\d{3,}/.test(s);
  return s.length >= 2;
}

function elementsOf(lines: string[]): { present: InstitutionElement[]; missing: InstitutionElement[] } {
  const present: InstitutionElement[] = [];
  for (const [el, re] of ELEMENTS) {
    if (lines.some((l) => {
      const m = re.exec(l);
      return !!m && valuePresent(el, m[2]);
    })) present.push(el);
  }
  return { present, missing: ELEMENTS.map(([e]) => e).filter((e) => !present.includes(e)) };
}

const UNIT_LINE = /^[\u4e00-\u9fa5（）()]{2,24}(局|委员会|委|办公室|办|科|股|处|室|中心|所|站|队|院|馆|部)$/;

/**
 * 机构职能 elements (办公时间, 负责人姓名, 办公地址, 联系电话). When the page lists several offices
 * (a line naming each unit followed by its details), `units` reports each one (办公室未标明办公时间).
 */
export function institutionElements(text: string): {
  present: string[];
  missing: InstitutionElement[];
  units: { unit: string; present: InstitutionElement[]; missing: InstitutionElement[] }[];
} {
  const lines = (text ?? '').split(/\n+/).map((l) => l.trim()).filter(Boolean);
  const all = elementsOf(lines);
  const units: { unit: string; lines: string[] }[] = [];
  for (const l of lines) {
    if (UNIT_LINE.test(l)) units.push({ unit: l, lines: [] });
    else if (units.length) units[units.length - 1].lines.push(l);
  }
  const withDetails = units.filter((u) => ELEMENTS.some(([, re]) => u.lines.some((l) => re.test(l))));
  return {
    present: all.present,
    missing: all.missing,
    // one unit line is usually a page heading or menu entry; offices are reported when several are listed
    units: withDetails.length >= 2 ? withDetails.map((u) => ({ unit: u.unit, ...elementsOf(u.lines) })) : [],
  };
}

const NAME = /^[\u4e00-\u9fa5·]{2,4}$/;
const RESUME = /简历|出生|生于|年生|籍贯|学历|毕业|参加工作|入党|民族|汉族/;
const DUTIES = /分工|负责|主持|分管|联系/;

/** 领导信息: each leader block (a name heading) with photo / resume / duties present or not. */
export function leaderElements(html: string): { leaders: { name: string; photo: boolean; resume: boolean; duties: boolean }[] } {
  const ctx = buildContext(html ?? '', 'http://localhost/');
  const leaders: { name: string; photo: boolean; resume: boolean; duties: boolean }[] = [];
  const blocks = new Set<Element>();
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (['script', 'style', 'head'].includes(n.name)) return false;
    const r = ctx.regionOf(n);
    if (r !== 'body') return false;
    if (['h2', 'h3', 'h4', 'h5', 'strong', 'b', 'dt'].includes(n.name) || /name|xm/.test(classId(n))) {
      const t = inlineText(n).replace(/\s+/g, '');
      if (NAME.test(t) && n.parent && isElement(n.parent) && !blocks.has(n.parent)) {
        let block: Element = n.parent;
        // climb to the block that holds this leader's details only
        while (block.parent && isElement(block.parent) && block.children.filter(isElement).length < 3 && textOf(block).length < 40) block = block.parent;
        blocks.add(block);
        const text = textOf(block);
        let photo = false;
        walk(block, (x) => (isElement(x) && x.name === 'img' ? ((photo = true), false) : !photo));
        leaders.push({ name: t, photo, resume: RESUME.test(text), duties: DUTIES.test(text) });
      }
      return false;
    }
    return true;
  });
  return { leaders };
}

export interface SurveyPeriod {
  start: string | null;
  end: string | null;
  feedbackAt: string | null;
  /** 征集时间：… as written (kept as evidence for forged dates). */
  raw: string | null;
}

/** 征集时间：2024年5月1日至2024年5月15日; 反馈时间 / 征集结果反馈 when published. */
export function parseSurveyPeriod(text: string, ctx: DateContext = {}): SurveyPeriod {
  const t = text ?? '';
  const m = /(征集时间|征集期限|征集日期|征求意见时间|调查时间|活动时间|起止时间)\s*[：:]\s*([^\n]{4,80})/.exec(t);
  let start: string | null = null;
  let end: string | null = null;
  let raw: string | null = null;
  if (m) {
    const span = m[2].split(/[。；;]/)[0];
    raw = `${m[1]}：${span.trim()}`;
    const ds = findDates(span, ctx);
    start = ds[0]?.date ?? null;
    end = ds[1]?.date ?? (ds[0] && /至|到|—|–|~|～|-/.test(span.slice(ds[0].index + ds[0].text.length)) ? null : ds[0]?.date ?? null);
    if (ds.length === 1 && !/至|到|—|~|～/.test(span)) end = null;
  }
  let feedbackAt: string | null = null;
  const f = /(反馈时间|反馈日期|结果公布时间|发布时间)\s*[：:]\s*([^\n]{4,40})/.exec(t.slice(t.search(/征集结果反馈|结果反馈|意见采纳情况|反馈/) >= 0 ? t.search(/征集结果反馈|结果反馈|意见采纳情况|反馈/) : t.length));
  if (f) feedbackAt = findDates(f[2], ctx)[0]?.date ?? null;
  else if (/征集结果反馈|意见采纳情况|采纳情况如下|反馈结果/.test(t)) feedbackAt = null;
  return { start, end, feedbackAt, raw };
}

export interface MessageEntry {
  title: string;
  url: string;
  receivedAt: string | null;
  repliedAt: string | null;
  state: 'replied' | 'processing' | 'unknown';
}

const PENDING = /办理中|处理中|受理中|未回复|待回复|未答复|待答复|正在办理|已受理/;
const DONE = /已回复|已答复|已办结|办结/;

/** 留言公开 lists: rows with 留言时间 / 答复时间 (or 办理中) columns, or items with labelled dates. */
export function parseMessageBoard(input: PageAnalysis | string, url?: string): MessageEntry[] {
  const html = typeof input === 'string' ? input : null;
  const pageUrl = typeof input === 'string' ? url ?? 'http://localhost/' : input.url;
  const out: MessageEntry[] = [];
  if (html !== null) {
    const ctx = buildContext(html, pageUrl);
    walk(ctx.doc, (n) => {
      if (!isElement(n)) return n.type === 'root';
      if (n.name !== 'table') return true;
      const rows = ctx.$(n).find('tr').toArray() as Element[];
      if (!rows.length) return false;
      const head = rows[0].children.filter(isElement).map((c) => inlineText(c));
      const iRecv = head.findIndex((h) => /留言时间|来信时间|提问时间|提交时间|咨询时间|受理时间/.test(h));
      const iReply = head.findIndex((h) => /答复时间|回复时间|办结时间|处理时间/.test(h));
      const iState = head.findIndex((h) => /状态|办理情况|处理情况/.test(h));
      if (iRecv < 0 && iReply < 0) return false;
      for (const tr of rows.slice(1)) {
        const cells = tr.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
        let a: Element | null = null;
        walk(tr, (x) => (isElement(x) && x.name === 'a' && !a ? ((a = x), false) : !a));
        if (!a) continue;
        const link = absolutise(attr(a, 'href'), pageUrl);
        if (!link) continue;
        const recv = iRecv >= 0 && cells[iRecv] ? findDates(inlineText(cells[iRecv]), { monthDay: false } as DateContext)[0] : null;
        const replyText = iReply >= 0 && cells[iReply] ? inlineText(cells[iReply]) : '';
        const rep = findDates(replyText, {}, { monthDay: false })[0];
        const stateText = `${replyText} ${iState >= 0 && cells[iState] ? inlineText(cells[iState]) : ''}`;
        out.push({
          title: inlineText(a),
          url: link,
          receivedAt: recv ? (recv.time ? `${recv.date}T${recv.time}` : recv.date) : null,
          repliedAt: rep ? (rep.time ? `${rep.date}T${rep.time}` : rep.date) : null,
          state: rep || DONE.test(stateText) ? 'replied' : PENDING.test(stateText) ? 'processing' : 'unknown',
        });
      }
      return false;
    });
    if (out.length) return out;
  }
  const analysis = typeof input === 'string' ? analysePage(input, pageUrl) : input;
  for (const b of analysis.lists) {
    for (const it of b.items) {
      out.push({ title: it.title, url: it.url, receivedAt: it.date, repliedAt: null, state: 'unknown' });
    }
  }
  return out;
}

/** One message page: 留言标题 / 留言时间 / 答复时间 / 答复内容 (or 办理中). */
export function parseMessagePage(html: string): { title: string | null; receivedAt: string | null; repliedAt: string | null; replyText: string | null; state: MessageEntry['state'] } {
  const ctx = buildContext(html ?? '', 'http://localhost/');
  const pairs = new Map<string, string>();
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'th' || n.name === 'td' || n.name === 'dt' || n.name === 'span' || n.name === 'label') {
      const k = inlineText(n).replace(/[\s：:]+$/g, '').replace(/\s+/g, '');
      if (/^(留言标题|信件标题|标题|主题|留言时间|来信时间|提问时间|答复时间|回复时间|答复内容|回复内容|办理状态|状态|答复单位|回复单位)$/.test(k)) {
        let nx = n.next;
        while (nx && !isElement(nx)) nx = nx.next;
        if (nx && isElement(nx) && !pairs.has(k)) pairs.set(k, inlineText(nx));
      }
    }
    return true;
  });
  const get = (...ks: string[]) => ks.map((k) => pairs.get(k)).find((v) => v !== undefined) ?? null;
  const toIso = (v: string | null) => {
    const d = v ? findDates(v, {}, { monthDay: false })[0] : null;
    return d ? (d.time ? `${d.date}T${d.time}` : d.date) : null;
  };
  let receivedAt = toIso(get('留言时间', '来信时间', '提问时间'));
  let repliedAt = toIso(get('答复时间', '回复时间'));
  if (!receivedAt) {
    const m = /(留言时间|来信时间|提问时间)\s*[：:]\s*([^\n]{6,30})/.exec(ctx.text);
    receivedAt = m ? toIso(m[2]) : null;
  }
  if (!repliedAt) {
    const m = /(答复时间|回复时间)\s*[：:]\s*([^\n]{6,30})/.exec(ctx.text);
    repliedAt = m ? toIso(m[2]) : null;
  }
  const replyText = get('答复内容', '回复内容');
  const stateText = get('办理状态', '状态') ?? '';
  const state = repliedAt || (replyText && replyText.trim()) ? 'replied' : PENDING.test(stateText) || PENDING.test(ctx.mainText) ? 'processing' : 'unknown';
  return { title: get('留言标题', '信件标题', '标题', '主题'), receivedAt, repliedAt, replyText, state };
}
