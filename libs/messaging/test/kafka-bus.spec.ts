import { siteRegistered } from '@govinspect/contracts';
import { randomUUID } from 'node:crypto';
import { startKafka, testKafkaBrokers, uniqueTopicPrefix } from '@govinspect/testing';
import { freePort } from './ports';
import { DLQ_HEADERS, KafkaBus, ReceivedMessage, SubscriptionHandle, silentLogger } from '../src';
import { sitePayload } from './fixtures';
import { text, waitFor } from './helpers';

jest.setTimeout(60_000);

/** KafkaBus against a real broker (KAFKA_BROKERS, or one started for this Jest worker). */
describe('KafkaBus (real Kafka)', () => {
  let brokers: string;
  let bus: KafkaBus;
  const handles: SubscriptionHandle[] = [];

  beforeAll(async () => {
    brokers = await testKafkaBrokers();
    bus = new KafkaBus({ brokers, clientId: 'messaging-test', topicPrefix: uniqueTopicPrefix('bus'), logger: silentLogger });
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.stop()));
    await bus?.close();
  });

  it('sends a poison event to <topic>.dlq with its reason, and consumes the next good event', async () => {
    const dead: ReceivedMessage[] = [];
    const good: string[] = [];
    const topic = siteRegistered.topic;
    await bus.ensureTopics([topic]);
    handles.push(await bus.subscribe({ groupId: 'poison-dlq-reader', topics: [`${topic}.dlq`], handler: async (m) => void dead.push(m) }));
    let attempts = 0;
    handles.push(
      await bus.subscribe({
        groupId: 'scoring',
        topics: [topic],
        retry: { retries: 3, initialMs: 50, maxMs: 100 },
        handler: async (m) => {
          attempts++;
          good.push(siteRegistered.parse(m.value).payload.name);
        },
      }),
    );
    const p = sitePayload();
    const env = siteRegistered.create(p.siteId, p, 'registry');
    await bus.publish([
      { topic, key: p.siteId, value: JSON.stringify({ ...env, payload: { ...p, regionCode: 'abc' } }), headers: { 'x-trace': 't-1' } },
      { topic, key: p.siteId, value: JSON.stringify(env) },
    ]);
    await waitFor('the good event', () => good.length === 1, 30_000);
    await waitFor('the dead letter', () => dead.length === 1, 30_000);
    expect(good).toEqual([p.name]);
    expect(attempts).toBe(2); // poison once (not retried), good once
    const d = dead[0];
    expect(d.topic).toBe(`${topic}.dlq`);
    expect(d.key).toBe(p.siteId);
    expect(d.headers[DLQ_HEADERS.classification]).toBe('contract-violation');
    expect(d.headers[DLQ_HEADERS.reason]).toMatch(/payload\.regionCode/);
    expect(d.headers[DLQ_HEADERS.originalTopic]).toBe(topic);
    expect(d.headers[DLQ_HEADERS.group]).toBe('scoring');
    expect(d.headers[DLQ_HEADERS.attempts]).toBe('1');
    expect(d.headers['x-trace']).toBe('t-1');
    expect(JSON.parse(text(d)).payload.regionCode).toBe('abc');
  });

  it('retries a failing handler with backoff, then dead-letters it and goes on', async () => {
    const topic = 'retry.test';
    const dead: ReceivedMessage[] = [];
    const done: string[] = [];
    const tries: number[] = [];
    handles.push(await bus.subscribe({ groupId: 'retry-dlq-reader', topics: [`${topic}.dlq`], handler: async (m) => void dead.push(m) }));
    handles.push(
      await bus.subscribe({
        groupId: 'worker',
        topics: [topic],
        retry: { retries: 2, initialMs: 100, maxMs: 200 },
        handler: async (m) => {
          if (text(m) === 'bad') {
            tries.push(m.attempt);
            throw new Error('downstream 503');
          }
          done.push(text(m));
        },
      }),
    );
    await bus.publish([
      { topic, key: 'k', value: 'bad' },
      { topic, key: 'k', value: 'next' },
    ]);
    await waitFor('next consumed and bad dead-lettered', () => done.length === 1 && dead.length === 1, 30_000);
    expect(tries).toEqual([1, 2, 3]);
    expect(dead[0].headers[DLQ_HEADERS.reason]).toBe('downstream 503');
    expect(dead[0].headers[DLQ_HEADERS.classification]).toBe('handler-error');
    expect(dead[0].headers[DLQ_HEADERS.attempts]).toBe('3');
  });

  it('keeps per-key order across several keys and partitions', async () => {
    const topic = 'order.test';
    // Site ids are UUIDs; similar short strings can all hash to one partition.
    const keys = Array.from({ length: 6 }, () => randomUUID());
    const seen = new Map<string, number[]>();
    const partitions = new Set<number>();
    let total = 0;
    handles.push(
      await bus.subscribe({
        groupId: 'ordered',
        topics: [topic],
        handler: async (m) => {
          partitions.add(m.partition);
          const list = seen.get(m.key!) ?? [];
          list.push(Number(text(m)));
          seen.set(m.key!, list);
          total++;
        },
      }),
    );
    for (let batch = 0; batch < 5; batch++) {
      const msgs = [];
      for (let i = batch * 10; i < batch * 10 + 10; i++) for (const k of keys) msgs.push({ topic, key: k, value: String(i) });
      await bus.publish(msgs);
    }
    await waitFor('300 messages', () => total === 300, 30_000);
    for (const k of keys) expect(seen.get(k)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(partitions.size).toBeGreaterThan(1);
  });

  it('stop() during a backoff returns promptly and leaves the message uncommitted for the group', async () => {
    const topic = 'shutdown.test';
    const tries: number[] = [];
    const first = await bus.subscribe({
      groupId: 'restarting',
      topics: [topic],
      retry: { retries: 5, initialMs: 5000, maxMs: 5000 },
      handler: async (m) => {
        tries.push(m.attempt);
        throw new Error('not yet');
      },
    });
    await bus.publish([{ topic, key: 'k', value: 'v' }]);
    await waitFor('the first attempt', () => tries.length === 1, 30_000);
    const t = Date.now();
    await first.stop();
    expect(Date.now() - t).toBeLessThan(3000);
    const again: string[] = [];
    handles.push(await bus.subscribe({ groupId: 'restarting', topics: [topic], handler: async (m) => void again.push(text(m)) }));
    await waitFor('redelivery to the restarted group', () => again.length === 1, 30_000);
    expect(again).toEqual(['v']);
    expect(tries).toEqual([1]);
  });

  it('fails a publish fast when no broker is listening', async () => {
    const down = new KafkaBus({ brokers: `127.0.0.1:${await freePort()}`, clientId: 'down', logger: silentLogger });
    const t = Date.now();
    await expect(down.publish([{ topic: 'x', key: 'k', value: 'v' }])).rejects.toThrow(/ECONNREFUSED|Connection/);
    expect(Date.now() - t).toBeLessThan(3000);
    await down.close();
  });

  it('startKafka honours KAFKA_BROKERS unless told otherwise', async () => {
    const saved = process.env.KAFKA_BROKERS;
    process.env.KAFKA_BROKERS = '127.0.0.1:1';
    try {
      const k = await startKafka();
      expect(k).toMatchObject({ brokers: '127.0.0.1:1', external: true });
      await k.stop();
    } finally {
      if (saved === undefined) delete process.env.KAFKA_BROKERS;
      else process.env.KAFKA_BROKERS = saved;
    }
  });
});
