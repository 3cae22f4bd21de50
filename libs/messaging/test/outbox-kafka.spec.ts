import { siteRegistered } from '@govinspect/contracts';
import { KafkaBroker, TestDatabase, createTestDatabase, startKafka, uniqueTopicPrefix } from '@govinspect/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { KafkaBus, OutboxRelay, SubscriptionHandle, enqueueEvent, idempotentHandler, silentLogger } from '../src';
import { SITE_TOPIC, openDataSource, sitePayload } from './fixtures';
import { waitFor } from './helpers';

jest.setTimeout(90_000);

/**
 * The real outage: a dedicated broker is stopped while a site is registered, then restarted on the same port with its
 * data. The event must survive in the outbox, be delivered after the restart, and take effect once in the consumer's
 * own database even when it is delivered twice.
 */
describe('outbox over real Kafka through a broker outage', () => {
  let registryDb: TestDatabase;
  let scoringDb: TestDatabase;
  let registry: DataSource;
  let scoring: DataSource;
  let dataDir: string;
  let broker: KafkaBroker | null = null;
  let producerBus: KafkaBus;
  let consumerBus: KafkaBus;
  let relay: OutboxRelay;
  let sub: SubscriptionHandle | null = null;

  beforeAll(async () => {
    [registryDb, scoringDb] = await Promise.all([createTestDatabase('msg_registry'), createTestDatabase('msg_scoring')]);
    [registry, scoring] = await Promise.all([openDataSource(registryDb.url), openDataSource(scoringDb.url)]);
    dataDir = mkdtempSync(join(tmpdir(), 'govinspect-kafka-outage-'));
    broker = await startKafka({ useExisting: false, dataDir });
    const topicPrefix = uniqueTopicPrefix('outbox');
    producerBus = new KafkaBus({ brokers: broker.brokers, clientId: 'registry', topicPrefix, logger: silentLogger });
    consumerBus = new KafkaBus({ brokers: broker.brokers, clientId: 'scoring', topicPrefix, logger: silentLogger });
    relay = new OutboxRelay(registry, producerBus, { pollMs: 100, maxBackoffMs: 500 });
  });

  afterAll(async () => {
    await relay?.stop();
    await sub?.stop();
    await Promise.all([producerBus?.close(), consumerBus?.close()]);
    await broker?.stop({ graceful: false });
    await Promise.all([registry?.destroy(), scoring?.destroy()]);
    await Promise.all([registryDb?.drop(), scoringDb?.drop()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the event while the broker is down and applies it exactly once after the restart', async () => {
    await producerBus.ensureTopics([SITE_TOPIC]);
    const { port, controllerPort } = broker!;
    await broker!.stop(); // graceful: the broker flushes its data, as in a planned restart
    broker = null;

    // A site is registered during the outage: state change and event in one transaction.
    const site = sitePayload();
    const envelope = await registry.transaction(async (m) => {
      await m.query('INSERT INTO site (id, name) VALUES ($1, $2)', [site.siteId, site.name]);
      return enqueueEvent(m, siteRegistered, site.siteId, site, 'registry');
    });

    const t0 = Date.now();
    expect(await relay.kick()).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000); // a down broker fails fast, it does not hang the relay
    const [kept] = await registry.query('SELECT id, published_at, attempts, last_error FROM outbox_message');
    expect(kept).toMatchObject({ id: envelope.id, published_at: null, attempts: 1 });
    expect(kept.last_error).toMatch(/ECONNREFUSED|Connection|connect/i);

    relay.start(); // keeps retrying with backoff
    broker = await startKafka({ useExisting: false, dataDir, port: port!, controllerPort: controllerPort! });

    await waitFor(
      'the relay to publish after the restart',
      async () => (await registry.query('SELECT 1 FROM outbox_message WHERE published_at IS NOT NULL')).length === 1,
      30_000,
      100,
    );
    const [published] = await registry.query('SELECT attempts, last_error FROM outbox_message');
    expect(published.attempts).toBeGreaterThanOrEqual(2);
    expect(published.last_error).toBeNull();

    // The consumer (scoring) applies the effect in its own database, de-duplicated on the event id.
    const deliveries: string[] = [];
    const apply = idempotentHandler(scoring, 'scoring.site-registered', siteRegistered, async (e, m) => {
      await m.query('INSERT INTO site_seen (site_id, event_id) VALUES ($1, $2)', [e.payload.siteId, e.id]);
    });
    sub = await consumerBus.subscribe({
      groupId: 'scoring',
      topics: [SITE_TOPIC],
      handler: async (msg) => {
        await apply(msg);
        deliveries.push(siteRegistered.parse(msg.value).id);
      },
    });
    await waitFor('the first delivery', () => deliveries.length === 1, 30_000);

    // Deliver the very same event again, as a relay that crashed before marking the row would.
    const [row] = await registry.query('SELECT topic, key, value, headers FROM outbox_message');
    await producerBus.publish([{ topic: row.topic, key: row.key, value: row.value, headers: row.headers }]);
    await waitFor('the duplicate delivery', () => deliveries.length === 2, 30_000);

    expect(deliveries).toEqual([envelope.id, envelope.id]);
    expect(await scoring.query('SELECT site_id, event_id FROM site_seen')).toEqual([{ site_id: site.siteId, event_id: envelope.id }]);
    expect(await scoring.query('SELECT consumer, event_id FROM processed_event')).toEqual([
      { consumer: 'scoring.site-registered', event_id: envelope.id },
    ]);
  });
});
