import { scorecardPublished } from '@govinspect/contracts';
import { createBus, MessageBus } from '@govinspect/messaging';
import { testKafkaBrokers, uniqueTopicPrefix } from '@govinspect/testing';
import { cardWhen, finding, Harness, PERIOD, recordFindings, registerSite, requestInspection, startScoring, waitFor } from './harness';

/** findings → card → published event, on a real Kafka broker and real PostgreSQL. */
describe('scoring on real Kafka', () => {
  jest.setTimeout(120_000);
  let bus: MessageBus;
  let h: Harness;

  beforeAll(async () => {
    const brokers = await testKafkaBrokers();
    bus = createBus({ env: { KAFKA_BROKERS: brokers, TOPIC_PREFIX: uniqueTopicPrefix('scoring') }, clientId: 'scoring-e2e' });
    expect(bus.kind).toBe('kafka');
    h = await startScoring({ bus });
  });
  afterAll(async () => {
    await h?.close();
    await bus?.close();
  });

  it('consumes registration, inspection and findings, and publishes the reviewed card through the outbox', async () => {
    const received: string[] = [];
    const sub = await bus.subscribe({ groupId: 'e2e-reporting', topics: [scorecardPublished.topic], handler: async (m) => void received.push(m.value!.toString('utf8')) });
    try {
      const inspectionId = 'insp-kafka';
      await requestInspection(h, inspectionId);
      const site = await registerSite(h, 'department', '嘉鱼县民政局');
      await recordFindings(
        h,
        site,
        [
          finding(site, 'institution-info-missing', '首页>政务公开>机构职能', { element: '办公时间', unit: '办公室', subject: '办公室未标明办公时间' }),
          finding(site, 'institution-info-missing', '首页>政务公开>机构职能', { element: '办公时间', unit: '财务科', subject: '财务科未标明办公时间' }),
          finding(site, 'footer-label-missing', '首页', { label: 'psb' }),
          finding(site, 'interpretation-column-stale', '首页>政务公开>政策解读', { level: 1, lastUpdated: '2021-10-08' }),
        ],
        { inspectionId, batch: { index: 0, final: true } },
      );
      const card = await cardWhen(h, site, PERIOD.key, undefined, undefined);
      expect(card.finalScore).toBe(92.5);
      await h.ok(`mutation { submitForReview(targetId: "${site}", periodKey: "${PERIOD.key}", by: "inspector-5") { state } }`);
      const pub = await h.ok(`mutation { publishScoreCards(regionCode: "421200", periodKey: "${PERIOD.key}", by: "chief-2") { targetId version state } }`);
      expect(pub.publishScoreCards).toEqual([{ targetId: site, version: 1, state: 'published' }]);

      await waitFor('scorecard-published on Kafka', async () => received.length > 0, 60_000);
      const env = scorecardPublished.parse(received[0]);
      expect(env.key).toBe(site);
      expect(env.producer).toBe('scoring');
      expect(env.payload).toMatchObject({ targetId: site, targetName: '嘉鱼县民政局', regionCode: '421221', targetClass: 'department', finalScore: 92.5, result: 'passed', inspectionId, publishedBy: 'chief-2' });
      expect(env.payload.annex.problems.split('\n')[1]).toBe(
        '机构职能信息不准确的，每发现一处，扣1分。共扣2分。首页>政务公开>机构职能（办公室未标明办公时间） 首页>政务公开>机构职能（财务科未标明办公时间）',
      );
      const [{ published }] = await h.ds.query(`SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published FROM outbox_message`);
      expect(published).toBe(1);
    } finally {
      await sub.stop();
    }
  });
});
