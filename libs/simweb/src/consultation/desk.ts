// The consultation channel of one site: accepts questions (with the usability traps real sites have),
// and publishes the unit's answer once the simulated clock passes the computed answer time.
import type { SiteModel } from '../model/types';
import { hash32 } from '../util/hash';
import { cst, ymd } from '../util/time';
import { answerTime, parseReplyDelay, type WorkdayFn, officialWorkday } from './clock';

export interface Submission {
  code: string;
  name: string;
  phone: string;
  title: string;
  content: string;
  postedAt: Date;
  /** null: the unit never answers. */
  answerAt: Date | null;
  reply: string;
}

export type SubmitResult = { ok: true; submission: Submission; code: string | null } | { ok: false; reason: 'closed-hours' | 'too-short' | 'one-per-day' | 'missing-field'; message: string };

export class ConsultationDesk {
  readonly submissions: Submission[] = [];

  constructor(
    private readonly site: SiteModel,
    private readonly isWorkday: WorkdayFn = officialWorkday,
  ) {}

  submit(input: { name?: string; phone?: string; title?: string; content?: string }, now: Date): SubmitResult {
    const cfg = this.site.consultation;
    const name = (input.name ?? '').trim();
    const phone = (input.phone ?? '').trim();
    const title = (input.title ?? '').trim();
    const content = (input.content ?? '').trim();
    if (!name || !phone || !title || !content) return { ok: false, reason: 'missing-field', message: '请完整填写姓名、联系电话、标题和内容' };
    if (cfg.openHours) {
      const c = cst(now);
      const m = c.hh * 60 + c.mi;
      const [a, b] = cfg.openHours.map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3)));
      if (m < a || m >= b) return { ok: false, reason: 'closed-hours', message: `留言受理时间为每日${cfg.openHours[0]}至${cfg.openHours[1]}，请在受理时间内提交` };
    }
    if ([...content].length < cfg.minLength) return { ok: false, reason: 'too-short', message: `留言内容不得少于${cfg.minLength}字` };
    if (cfg.onePerDay && this.submissions.some((s) => s.phone === phone && ymd(s.postedAt) === ymd(now))) {
      return { ok: false, reason: 'one-per-day', message: '每个用户每天只能提交一条留言，请明日再试' };
    }
    const answerAt = cfg.reply === 'never' ? null : answerTime(now, parseReplyDelay(cfg.replyAfter), cfg.workingHours, this.isWorkday);
    const code = `${ymd(now).replace(/-/g, '')}${String(hash32(this.site.id, this.submissions.length, now.getTime()) % 1e6).padStart(6, '0')}`;
    const submission: Submission = {
      code, name, phone, title, content, postedAt: now, answerAt,
      reply: cfg.reply === 'empty' ? '' : `${name}您好！您的留言已收悉。经${this.site.hostUnit}研究，答复如下：您反映的问题属实，我单位将按规定办理。感谢您的支持！`,
    };
    this.submissions.push(submission);
    return { ok: true, submission, code: cfg.lookup ? code : null };
  }

  /** Submissions whose answer is published at `now`, newest first. */
  published(now: Date): Submission[] {
    return this.submissions.filter((s) => s.answerAt && s.answerAt.getTime() <= now.getTime()).reverse();
  }

  find(code: string): Submission | undefined {
    return this.submissions.find((s) => s.code === code);
  }
}
