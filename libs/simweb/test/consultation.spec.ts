// The consultation clock: answers come after a configured amount of working time on the official
// calendar (chinese-days), computed from the simulated posting time; and the form behaves like real ones.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerTime, loadScenario, officialWorkday, parseReplyDelay, SimClock, type SimwebHandle, startSimweb } from '../src';
import { baseSite, fetchVia, scenarioWith } from './helpers';

const HOURS: [string, string][] = [['09:00', '12:00'], ['14:00', '18:00']];
const at = (s: string) => new Date(`${s}+08:00`);
const answer = (posted: string, delay: string) => answerTime(at(posted), parseReplyDelay(delay), HOURS).toISOString();

describe('answerTime on the official calendar', () => {
  test('inside one working day', () => {
    expect(answer('2024-06-26T09:30:00', '2h')).toBe(at('2024-06-26T11:30:00').toISOString());
    expect(answer('2024-06-26T11:00:00', '2h')).toBe(at('2024-06-26T15:00:00').toISOString()); // lunch break skipped
    expect(answer('2024-06-26T07:00:00', '30m')).toBe(at('2024-06-26T09:30:00').toISOString()); // before office hours
  });

  test('across a weekend', () => {
    // Friday 16:00 + 4h: 2h on Friday, 2h on Monday morning
    expect(answer('2024-06-28T16:00:00', '4h')).toBe(at('2024-07-01T11:00:00').toISOString());
    // posted on Saturday: the clock starts on Monday
    expect(answer('2024-06-29T10:00:00', '1h')).toBe(at('2024-07-01T10:00:00').toISOString());
    // one working day (7 working hours with these hours) from Friday 10:00 is Monday 10:00
    expect(answer('2024-06-28T10:00:00', '1d')).toBe(at('2024-07-01T10:00:00').toISOString());
  });

  test('across an official holiday and its adjusted working days (National Day 2024)', () => {
    // Mon 30 Sep 17:00 + 4h: 1h on 30 Sep, 1–7 Oct off, 3h on Tue 8 Oct morning
    expect(answer('2024-09-30T17:00:00', '4h')).toBe(at('2024-10-08T12:00:00').toISOString());
    // Sun 29 Sep is an adjusted working day (调休上班): a Saturday question is answered on Sunday
    expect(answer('2024-09-28T10:00:00', '2h')).toBe(at('2024-09-29T11:00:00').toISOString());
    // Sat 12 Oct is an adjusted working day too
    expect(answer('2024-10-11T17:30:00', '1h')).toBe(at('2024-10-12T09:30:00').toISOString());
    // Spring Festival 2025: 28 Jan – 4 Feb off, Sat 8 Feb works
    expect(answer('2025-01-27T17:00:00', '2h')).toBe(at('2025-02-05T10:00:00').toISOString());
  });

  test('rejects malformed delays and empty hours with classified errors', () => {
    expect(() => parseReplyDelay('2M')).toThrow(expect.objectContaining({ code: 'SIMWEB_CONSULTATION_CONFIG' }));
    expect(() => answerTime(at('2024-06-26T09:00:00'), parseReplyDelay('1h'), [])).toThrow(expect.objectContaining({ code: 'SIMWEB_CONSULTATION_CONFIG' }));
  });
});

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'holiday-cn');
const haveFixtures = existsSync(FIXTURES);
if (!haveFixtures) console.warn(`holiday-cn fixtures not found at ${FIXTURES}: calendar cross-check skipped`);

(haveFixtures ? test : test.skip)('chinese-days agrees with the holiday-cn fixtures (read at test time) on every listed day, and on the dates used above', () => {
  const files = readdirSync(FIXTURES).filter((f) => /__\d{4}\.json$/.test(f));
  expect(files.length).toBeGreaterThanOrEqual(6);
  let checked = 0;
  const listed = new Map<string, boolean>();
  for (const f of files) {
    const data = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as { days: { date: string; isOffDay: boolean }[] };
    for (const d of data.days) {
      listed.set(d.date, d.isOffDay);
      expect([d.date, officialWorkday(d.date)]).toEqual([d.date, !d.isOffDay]);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(200);
  // the dates the tests above rely on
  expect(listed.get('2024-10-01')).toBe(true);
  expect(listed.get('2024-10-07')).toBe(true);
  expect(listed.get('2024-09-29')).toBe(false);
  expect(listed.get('2024-10-12')).toBe(false);
  expect(listed.get('2025-02-04')).toBe(true);
  expect(listed.has('2024-06-28')).toBe(false); // an ordinary Friday
});

describe('consultation form over HTTP with a simulated clock', () => {
  const scenario = loadScenario(
    scenarioWith([
      baseSite('desk', 1, { consultation: { replyAfter: '4h', minLength: 10, onePerDay: true, openHours: ['08:00', '19:00'] } }),
      baseSite('silent', 2, { consultation: { reply: 'never', lookup: false } }),
      baseSite('empty', 3, { consultation: { reply: 'empty', replyAfter: '1h' } }),
    ]),
  );
  const clock = new SimClock(at('2024-06-28T16:00:00'), true);
  let sim: SimwebHandle;
  beforeAll(async () => {
    sim = await startSimweb({ scenario, clock, https: false, ipv6: false });
  });
  afterAll(() => sim.close());

  const post = (host: string, form: Record<string, string>) =>
    fetchVia(sim.resolveMap, `http://${host}/hdjl/zxzx/submit`, {
      method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }).then((r) => r.body.toString());
  const board = (host: string) => fetchVia(sim.resolveMap, `http://${host}/hdjl/lygk/`).then((r) => r.body.toString());
  const q = { name: '张三', phone: '13800000000', title: '新生儿医保办理', content: '请问新生儿医保在哪里办理，需要哪些材料？' };

  test('answered after 4 working hours, across the weekend, and published on the board', async () => {
    clock.set(at('2024-06-28T16:00:00'));
    const page = await post('desk.cs.gov.cn', q);
    const code = /id="queryCode">(\d+)</.exec(page)![1];
    expect(await board('desk.cs.gov.cn')).not.toContain(q.title);
    clock.set(at('2024-07-01T10:59:00'));
    expect(await board('desk.cs.gov.cn')).not.toContain(q.title);
    const pending = await fetchVia(sim.resolveMap, `http://desk.cs.gov.cn/hdjl/zxzx/query?code=${code}`);
    expect(pending.body.toString()).toContain('办理中');
    clock.set(at('2024-07-01T11:00:00'));
    const published = await board('desk.cs.gov.cn');
    expect(published).toContain(q.title);
    expect(published).toContain('2024-06-28 16:00');
    expect(published).toContain('2024-07-01 11:00');
    const done = await fetchVia(sim.resolveMap, `http://desk.cs.gov.cn/hdjl/zxzx/query?code=${code}`);
    expect(done.body.toString()).toMatch(/答复内容<\/th><td class="reply">.+您好/);
  });

  test('usability traps: minimum length, one message per day, open hours', async () => {
    clock.set(at('2024-07-02T10:00:00'));
    expect(await post('desk.cs.gov.cn', { ...q, content: '太短' })).toContain('data-reason="too-short"');
    expect(await post('desk.cs.gov.cn', { ...q, phone: '13900000000' })).toContain('查询码');
    expect(await post('desk.cs.gov.cn', { ...q, phone: '13900000000' })).toContain('data-reason="one-per-day"');
    clock.set(at('2024-07-02T20:00:00'));
    expect(await post('desk.cs.gov.cn', { ...q, phone: '13700000000' })).toContain('data-reason="closed-hours"');
  });

  test('a unit that never answers, and one that answers with an empty reply; no lookup where disabled', async () => {
    clock.set(at('2024-07-02T10:00:00'));
    const silent = await post('silent.cs.gov.cn', q);
    expect(silent).toContain('提交成功');
    expect(silent).not.toContain('查询码');
    expect((await fetchVia(sim.resolveMap, 'http://silent.cs.gov.cn/hdjl/zxzx/query?code=1')).status).toBe(404);
    const empty = /id="queryCode">(\d+)</.exec(await post('empty.cs.gov.cn', q))![1];
    clock.set(at('2025-07-02T10:00:00'));
    expect(await board('silent.cs.gov.cn')).not.toContain(q.title);
    expect(await board('empty.cs.gov.cn')).toContain(q.title);
    const r = await fetchVia(sim.resolveMap, `http://empty.cs.gov.cn/hdjl/zxzx/query?code=${empty}`);
    expect(r.body.toString()).toContain('<td class="reply"></td>');
  });
});
