import { inspectionCompleted, inspectionRequested, rectificationOverdue } from '@govinspect/contracts';
import { Harness, libreOffice, waitFor } from './harness';
import { PUBLISH, card, period, readyRound, registerSites, seedRegions, site } from './fixtures';

const TASKS = `query($id: ID!) { rectificationTasks(roundId: $id) { id targetId targetName indicatorId level2 problem state deadline repeat
  fixNote overdueAt evidence { label url } history { fromState toState actor note } } }`;
const FIXED = `mutation($t: ID!, $n: String!) { reportRectificationFixed(taskId: $t, note: $n, by: "云溪市民政局") { id state fixNote } }`;
const RECHECK = `mutation($t: ID!) { requestRecheck(taskId: $t, asOf: "2026-12-10T10:00:00+08:00", by: "云溪市人民政府办公室") { id state rechecks } }`;
const OVERDUE = `mutation($a: String!) { flagOverdueRectifications(asOf: $a) { id overdueAt } }`;

/** 整改/复核: tasks open on publish, a confirmed fix closes, a problem still present reopens and is named next round. */
describe('rectification and recheck (整改/复核)', () => {
  jest.setTimeout(180_000);
  let h: Harness;
  const civil = site('云溪市民政局', '421300', 'department');
  const county = site('溪山区人民政府', '421302', 'portal');
  const edu = site('云溪市教育局', '421300', 'department');
  let roundId: string;
  let tasks: any[];

  beforeAll(async () => {
    h = await Harness.start('rectify');
    await seedRegions(h);
    await registerSites(h, [civil, county, edu]);
    roundId = await readyRound(h, '421300', '2026年第四季度全市政府网站与政务新媒体检查', [card(civil, 'veto'), card(county, 'below'), card(edu, 'pass')], {
      deadlineWorkingDays: 5,
    });
    await h.ok(PUBLISH, { id: roundId, d: '2026-12-01' });
    tasks = (await h.ok(TASKS, { id: roundId })).rectificationTasks;
  });

  afterAll(async () => {
    await h?.close();
  });

  const taskOf = (targetId: string, indicatorId: string) => tasks.find((t) => t.targetId === targetId && t.indicatorId === indicatorId);
  const reload = async () => (tasks = (await h.ok(TASKS, { id: roundId })).rectificationTasks);

  it('opens one task per failing target and problem, with the card’s sentence, evidence and a working-day deadline', () => {
    // The vetoed site has one veto line; the site below 60 has two deduction lines; the passing site has none.
    expect(tasks.map((t) => `${t.targetName}:${t.indicatorId}`).sort()).toEqual(['云溪市民政局:W-V2', '溪山区人民政府:W-D-LINKS', '溪山区人民政府:W-D-NEWS']);
    const veto = taskOf(civil.siteId, 'W-V2');
    expect(veto.problem).toBe(card(civil, 'veto').vetoes[0].annex);
    expect(veto.evidence[0].label).toBe('首页（无法访问）');
    // 5 working days after Tuesday 2026-12-01 → Tuesday 2026-12-08, end of day China time.
    expect(veto.deadline).toBe('2026-12-08T15:59:59.000Z');
    expect(veto.state).toBe('open');
    expect(veto.repeat).toBe(false);
    expect(veto.history).toEqual([{ fromState: null, toState: 'open', actor: 'publish', note: veto.problem }]);
  });

  it('closes a fixed problem when the recheck no longer finds it', async () => {
    const t = taskOf(civil.siteId, 'W-V2');
    expect((await h.ok(FIXED, { t: t.id, n: '已修复服务器，首页恢复访问' })).reportRectificationFixed.state).toBe('fixed-reported');
    expect((await h.ok(RECHECK, { t: t.id })).requestRecheck).toMatchObject({ state: 'rechecking', rechecks: 1 });
    const req = await waitFor('recheck request', async () => h.events(inspectionRequested).find((e) => e.payload.recheck?.taskId === t.id));
    expect(req.payload).toMatchObject({ reason: 'recheck', siteIds: [civil.siteId], recheck: { taskId: t.id, findingType: 'site-unavailable', url: t.evidence[0].url, subject: '无法访问' } });
    await h.publish(inspectionCompleted, civil.siteId, completion(req.payload.inspectionId, civil.siteId, t.id, false));
    await waitFor('closed', async () => (await reload(), taskOf(civil.siteId, 'W-V2').state === 'closed'));
    expect(taskOf(civil.siteId, 'W-V2').history.map((x: any) => x.toState)).toEqual(['open', 'fixed-reported', 'rechecking', 'closed']);
  });

  it('reopens a problem the recheck still finds', async () => {
    const t = taskOf(county.siteId, 'W-D-NEWS');
    await h.ok(FIXED, { t: t.id, n: '已更新工作动态' });
    await h.ok(RECHECK, { t: t.id });
    const req = await waitFor('recheck request', async () => h.events(inspectionRequested).find((e) => e.payload.recheck?.taskId === t.id));
    await h.publish(inspectionCompleted, county.siteId, completion(req.payload.inspectionId, county.siteId, t.id, true));
    await waitFor('reopened', async () => (await reload(), taskOf(county.siteId, 'W-D-NEWS').state === 'reopened'));
  });

  it('rejects a second recheck answer and bad transitions without changing anything', async () => {
    const closed = taskOf(civil.siteId, 'W-V2');
    // A late answer for a task that is no longer being rechecked changes nothing.
    const late = await h.publish(inspectionCompleted, civil.siteId, completion('recheck-late', civil.siteId, closed.id, true));
    await waitFor('late answer consumed', async () => (await h.query(`SELECT 1 FROM processed_event WHERE event_id = $1`, [late.id])).length === 1);
    const again = await h.gql(RECHECK, { t: closed.id });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'taskId', reason: 'bad-state' });
    const r = await h.gql(FIXED, { t: closed.id, n: '再次报送' });
    expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'taskId' });
    const blank = await h.gql(FIXED, { t: taskOf(county.siteId, 'W-D-LINKS').id, n: '  ' });
    expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    const unknown = await h.gql(FIXED, { t: '00000000-0000-4000-8000-000000000000', n: 'x' });
    expect(unknown.errors![0].extensions.code).toBe('NOT_FOUND');
    await reload();
    expect(taskOf(civil.siteId, 'W-V2').state).toBe('closed');
    expect(taskOf(county.siteId, 'W-D-LINKS').state).toBe('open');
  });

  it('raises rectification-overdue exactly once for a task past its deadline (clock = asOf input)', async () => {
    // Before the deadline nothing is overdue.
    expect((await h.ok(OVERDUE, { a: '2026-12-08T10:00:00+08:00' })).flagOverdueRectifications).toEqual([]);
    const first = (await h.ok(OVERDUE, { a: '2026-12-09T09:00:00+08:00' })).flagOverdueRectifications;
    // The closed task is not overdue; the reopened and the untouched one are.
    expect(first.map((t: any) => t.id).sort()).toEqual([taskOf(county.siteId, 'W-D-NEWS').id, taskOf(county.siteId, 'W-D-LINKS').id].sort());
    expect((await h.ok(OVERDUE, { a: '2026-12-20T09:00:00+08:00' })).flagOverdueRectifications).toEqual([]);
    await waitFor('overdue events', async () => h.events(rectificationOverdue).length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    const events = h.events(rectificationOverdue);
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.payload.taskId).sort()).toEqual(first.map((t: any) => t.id).sort());
    expect(events[0].payload).toMatchObject({ roundId, targetName: '溪山区人民政府', repeat: false, deadline: '2026-12-08T15:59:59.000Z' });
  });

  it('names last round’s unfixed problem in the next bulletin (经复查…仍未按要求完成整改) and flags repeats', async () => {
    const next = await readyRound(h, '421300', '2027年第一季度全市政府网站与政务新媒体检查', [card(civil, 'pass', { periodKey: '2027Q1' }), card(county, 'below', { periodKey: '2027Q1' }), card(edu, 'pass', { periodKey: '2027Q1' })], {
      period: period('2027Q1'),
      asOf: '2027-03-20T10:00:00+08:00',
    });
    await h.ok(PUBLISH, { id: next, d: '2027-03-31' });
    const lo = await libreOffice((await h.download(`/bulletins/${next}.docx`)).body, 'docx');
    expect(lo.text).toContain('（三）上一轮通报问题整改情况。');
    expect(lo.text).toContain('2026年第四季度全市政府网站与政务新媒体检查通报中发现问题3个，已整改并经复查确认1个');
    expect(lo.text).toContain('经复查，溪山区人民政府（动态要闻）仍未按要求完成整改');
    expect(lo.text).toContain('溪山区人民政府（不可用链接）整改尚未完成复查');
    const nextTasks = (await h.ok(TASKS, { id: next })).rectificationTasks;
    expect(nextTasks.map((t: any) => [t.indicatorId, t.repeat]).sort()).toEqual([
      ['W-D-LINKS', true],
      ['W-D-NEWS', true],
    ]);
  });
});

function completion(inspectionId: string, siteId: string, taskId: string, stillPresent: boolean) {
  return {
    inspectionId,
    runId: `run-${inspectionId}`,
    siteId,
    regionCode: '421300',
    asOf: '2026-12-10T10:00:00+08:00',
    startedAt: '2026-12-10T02:00:00Z',
    completedAt: '2026-12-10T02:05:00Z',
    status: 'completed' as const,
    pagesFetched: 3,
    findings: stillPresent ? 1 : 0,
    findingsByType: {},
    recheck: { taskId, stillPresent, findingIds: stillPresent ? ['f-again'] : [] },
  };
}
