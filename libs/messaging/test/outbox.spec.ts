import { siteRegistered } from '@govinspect/contracts';
import { createTestDatabase, TestDatabase } from '@govinspect/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InProcessBus, MessagingTables1732300000000, OutboxRelay, ReceivedMessage, enqueueEvent, idempotentHandler } from '../src';
import { SITE_TOPIC, openDataSource, sitePayload } from './fixtures';
import { waitFor } from './helpers';

/** Outbox and idempotent consumer against real PostgreSQL, over the in-process bus (the Kafka path is in outbox-kafka.spec.ts). */
describe('transactional outbox (PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let bus: InProcessBus;

  beforeAll(async () => {
    db = await createTestDatabase('msg_outbox');
    ds = await openDataSource(db.url);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });
  beforeEach(async () => {
    bus = new InProcessBus();
    await ds.query('TRUNCATE outbox_message, processed_event, site, site_seen');
  });
  afterEach(() => bus.close());

  it('writes the event only when the state change commits', async () => {
    const ok = sitePayload();
    const env = await ds.transaction(async (m) => {
      await m.query('INSERT INTO site (id, name) VALUES ($1, $2)', [ok.siteId, ok.name]);
      return enqueueEvent(m, siteRegistered, ok.siteId, ok, 'registry', new Date('2026-03-02T08:00:00Z'));
    });
    const rolledBack = sitePayload();
    await expect(
      ds.transaction(async (m) => {
        await m.query('INSERT INTO site (id, name) VALUES ($1, $2)', [rolledBack.siteId, rolledBack.name]);
        await enqueueEvent(m, siteRegistered, rolledBack.siteId, rolledBack, 'registry');
        throw new Error('validation failed later in the transaction');
      }),
    ).rejects.toThrow('validation failed later');
    const rows = await ds.query('SELECT id, topic, key, value, headers, published_at, attempts FROM outbox_message');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: env.id, topic: SITE_TOPIC, key: ok.siteId, published_at: null, attempts: 0 });
    expect(rows[0].headers['x-event-type']).toBe('registry.site-registered');
    expect(siteRegistered.parse(rows[0].value)).toEqual(env);
    expect(env.occurredAt).toBe('2026-03-02T08:00:00.000Z');
  });

  it('refuses to enqueue outside a transaction or with a payload that breaks the contract', async () => {
    const p = sitePayload();
    await expect(enqueueEvent(ds.manager, siteRegistered, p.siteId, p, 'registry')).rejects.toMatchObject({ classification: 'outbox-no-transaction' });
    await expect(
      ds.transaction((m) => enqueueEvent(m, siteRegistered, p.siteId, { ...p, regionCode: '11' }, 'registry')),
    ).rejects.toMatchObject({ classification: 'contract-violation', message: expect.stringMatching(/regionCode/) });
  });

  it('two relays on one table publish every row exactly once, in seq order per key', async () => {
    const keys = Array.from({ length: 5 }, () => randomUUID());
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const key = keys[i % keys.length];
      ids.push((await ds.transaction((m) => enqueueEvent(m, siteRegistered, key, sitePayload(key), 'registry'))).id);
    }
    const got: ReceivedMessage[] = [];
    await bus.subscribe({ groupId: 'collector', topics: [SITE_TOPIC], handler: async (m) => void got.push(m) });
    const slowBus = {
      ...bus,
      kind: bus.kind,
      publish: async (msgs: Parameters<InProcessBus['publish']>[0]) => {
        await new Promise((r) => setTimeout(r, Math.random() * 15)); // both relays hold rows; either may publish first
        await bus.publish(msgs);
      },
      subscribe: bus.subscribe.bind(bus),
      ensureTopics: bus.ensureTopics.bind(bus),
      close: bus.close.bind(bus),
    };
    const a = new OutboxRelay(ds, slowBus, { batchSize: 7 });
    const b = new OutboxRelay(ds, slowBus, { batchSize: 7 });
    for (let round = 0; round < 40; round++) {
      await Promise.all([a.kick(), b.kick()]);
      const [{ left }] = await ds.query('SELECT count(*)::int AS left FROM outbox_message WHERE published_at IS NULL');
      if (left === 0) break;
    }
    await waitFor('120 messages', () => got.length === 120);
    const envs = got.map((m) => siteRegistered.parse(m.value));
    expect(new Set(envs.map((e) => e.id)).size).toBe(120);
    for (const k of keys) {
      expect(envs.filter((e) => e.key === k).map((e) => e.id)).toEqual(ids.filter((_, i) => keys[i % keys.length] === k));
    }
  });

  it('keeps rows with attempts and last_error while publishing fails, then publishes them', async () => {
    let down = true;
    const flaky = Object.assign(Object.create(bus) as InProcessBus, {
      publish: async (msgs: Parameters<InProcessBus['publish']>[0]) => {
        if (down) throw new Error('broker unreachable');
        return bus.publish(msgs);
      },
    });
    const p = sitePayload();
    await ds.transaction((m) => enqueueEvent(m, siteRegistered, p.siteId, p, 'registry'));
    const relay = new OutboxRelay(ds, flaky, { pollMs: 10, maxBackoffMs: 40 });
    expect(await relay.kick()).toBe(0);
    expect(await relay.kick()).toBe(0);
    const [row] = await ds.query('SELECT attempts, last_error, published_at FROM outbox_message');
    expect(row).toEqual({ attempts: 2, last_error: 'broker unreachable', published_at: null });
    expect(relay.consecutiveFailures).toBe(2);
    relay.start();
    down = false;
    await waitFor('row published', async () => (await ds.query('SELECT 1 FROM outbox_message WHERE published_at IS NOT NULL')).length === 1, 5000);
    await relay.stop();
    const [after] = await ds.query('SELECT attempts, last_error FROM outbox_message');
    expect(after).toEqual({ attempts: 3, last_error: null });
  });

  it('an idempotent handler applies each event once, and sends contract violations to the DLQ', async () => {
    const p = sitePayload();
    const env = siteRegistered.create(p.siteId, p, 'registry');
    const handler = idempotentHandler(ds, 'scoring', siteRegistered, async (e, m) => {
      await m.query('INSERT INTO site_seen (site_id, event_id) VALUES ($1, $2)', [e.payload.siteId, e.id]);
    });
    const dead: ReceivedMessage[] = [];
    await bus.subscribe({ groupId: 'dlq', topics: [`${SITE_TOPIC}.dlq`], handler: async (m) => void dead.push(m) });
    let deliveries = 0;
    await bus.subscribe({
      groupId: 'scoring',
      topics: [SITE_TOPIC],
      retry: { retries: 1, initialMs: 5, maxMs: 5 },
      handler: async (m) => {
        deliveries++;
        await handler(m);
      },
    });
    const value = JSON.stringify(env);
    await bus.publish([
      { topic: SITE_TOPIC, key: p.siteId, value },
      { topic: SITE_TOPIC, key: p.siteId, value },
      { topic: SITE_TOPIC, key: p.siteId, value: JSON.stringify({ ...env, id: randomUUID(), payload: { ...p, url: 'not a url' } }) },
    ]);
    await waitFor('3 deliveries and a dead letter', () => deliveries === 3 && dead.length === 1);
    expect(await ds.query('SELECT site_id, event_id FROM site_seen')).toEqual([{ site_id: p.siteId, event_id: env.id }]);
    expect(await ds.query('SELECT consumer, event_id FROM processed_event')).toEqual([{ consumer: 'scoring', event_id: env.id }]);
    expect(dead[0].headers['x-dlq-reason']).toMatch(/payload\.url/);
  });

  it('rolls back the dedupe row when the effect fails, so the retry applies it', async () => {
    const p = sitePayload();
    const env = siteRegistered.create(p.siteId, p, 'registry');
    let fail = true;
    const handler = idempotentHandler(ds, 'scoring', siteRegistered, async (e, m) => {
      await m.query('INSERT INTO site_seen (site_id, event_id) VALUES ($1, $2)', [e.payload.siteId, e.id]);
      if (fail) {
        fail = false;
        throw new Error('lost the connection mid-way');
      }
    });
    const msg = { topic: SITE_TOPIC, key: p.siteId, value: Buffer.from(JSON.stringify(env)), headers: {}, partition: 0, offset: '0', attempt: 1 };
    await expect(handler(msg)).rejects.toThrow('lost the connection');
    expect(await ds.query('SELECT count(*)::int AS n FROM processed_event')).toEqual([{ n: 0 }]);
    await handler({ ...msg, attempt: 2 });
    await handler({ ...msg, attempt: 3 });
    expect(await ds.query('SELECT count(*)::int AS n FROM site_seen')).toEqual([{ n: 1 }]);
  });

  it('the migration goes down and up again', async () => {
    const qr = ds.createQueryRunner();
    try {
      const m = new MessagingTables1732300000000();
      await m.down(qr);
      expect(await qr.hasTable('outbox_message')).toBe(false);
      expect(await qr.hasTable('processed_event')).toBe(false);
      await m.up(qr);
      await m.up(qr); // idempotent
      expect(await qr.hasTable('outbox_message')).toBe(true);
      expect(await qr.hasTable('processed_event')).toBe(true);
    } finally {
      await qr.release();
    }
  });
});
