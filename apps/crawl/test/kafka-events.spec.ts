import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findingsRecorded, inspectionCompleted, inspectionRequested } from '@govinspect/contracts';
import { DLQ_HEADERS, MessageBus, ReceivedMessage, createBus, dlqTopic } from '@govinspect/messaging';
import { SimClock, SimwebHandle, loadScenario, startSimweb } from '@govinspect/simweb';
import { testKafkaBrokers, uniqueTopicPrefix } from '@govinspect/testing';
import { CrawlUnderTest, DEMO_SCENARIO, registerSites, startCrawl, waitFor } from './helpers';

/** The event path on a real Kafka broker: registration and inspection requests in, findings and completion out. */
describe('crawl events on real Kafka', () => {
  jest.setTimeout(180_000);
  const asOf = loadScenario(DEMO_SCENARIO).asOf;
  let bus: MessageBus;
  let web: SimwebHandle;
  let crawl: CrawlUnderTest;
  let archiveDir: string;
  const out: Array<{ topic: string; payload: any }> = [];
  const dead: ReceivedMessage[] = [];

  beforeAll(async () => {
    const brokers = await testKafkaBrokers();
    bus = createBus({ env: { KAFKA_BROKERS: brokers, TOPIC_PREFIX: uniqueTopicPrefix('crawl') }, clientId: 'crawl-test' });
    expect(bus.kind).toBe('kafka');
    archiveDir = mkdtempSync(path.join(tmpdir(), 'crawl-kafka-'));
    web = await startSimweb({ scenario: loadScenario(DEMO_SCENARIO), clock: new SimClock(asOf, true), ipv6: false });
    crawl = await startCrawl({ web, bus, clock: new SimClock(asOf, true), config: { slotPollMs: 0, archiveDir } });
    const collect = async (m: ReceivedMessage) => void out.push({ topic: m.topic, payload: JSON.parse(m.value!.toString()).payload });
    await bus.ensureTopics([dlqTopic(inspectionRequested.topic)]);
    await bus.subscribe({ groupId: 'test-out', topics: [findingsRecorded.topic, inspectionCompleted.topic], handler: collect });
    await bus.subscribe({ groupId: 'test-dlq', topics: [dlqTopic(inspectionRequested.topic)], handler: async (m) => void dead.push(m) });
  });

  afterAll(async () => {
    await crawl?.close();
    await bus?.close();
    await web?.close();
    if (archiveDir) rmSync(archiveDir, { recursive: true, force: true });
  });

  it('inspects a site requested over Kafka and publishes its findings and completion; a bad request is dead-lettered', async () => {
    const ids = await registerSites(bus, web, ['yunxi-fgw']);
    const siteId = ids.get('yunxi-fgw')!;
    await waitFor('site copied', async () => (await crawl.dataSource.query(`SELECT 1 FROM crawl_site WHERE site_id = $1`, [siteId])).length === 1, 60_000);
    const payload = {
      inspectionId: 'kafka-1', reason: 'round' as const, siteIds: [siteId], includeSubRegions: true, asOf: asOf.toISOString(),
      period: { key: '2024Q2', kind: 'quarter' as const, from: '2024-04-01T00:00:00+08:00', to: asOf.toISOString() },
      ruleSetId: 'national-2019', options: { pageBudget: 30 },
    };
    const good = inspectionRequested.create(payload.inspectionId, payload, 'test');
    await bus.publish([
      { topic: inspectionRequested.topic, key: 'bad', value: JSON.stringify({ ...good, id: 'bad-1', payload: { ...payload, asOf: 'yesterday' } }) },
      { topic: inspectionRequested.topic, key: good.key, value: JSON.stringify(good) },
    ]);
    await waitFor('completion on Kafka', async () => out.some((m) => m.topic === inspectionCompleted.topic && m.payload.inspectionId === 'kafka-1'), 150_000);
    const done = out.find((m) => m.topic === inspectionCompleted.topic)!.payload;
    const batches = out.filter((m) => m.topic === findingsRecorded.topic && m.payload.inspectionId === 'kafka-1').map((m) => m.payload);
    expect(batches.some((b) => b.batch.final)).toBe(true);
    expect(batches.flatMap((b) => b.findings)).toHaveLength(done.findings);
    expect(done).toMatchObject({ siteId, status: expect.stringMatching(/completed|partial/) });
    await waitFor('dead letter', async () => dead.length > 0, 30_000);
    expect(dead[0].headers[DLQ_HEADERS.reason]).toMatch(/asOf/);
  });
});
