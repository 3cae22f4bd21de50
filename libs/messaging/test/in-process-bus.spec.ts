import { ContractViolation, siteRegistered } from '@govinspect/contracts';
import { DLQ_HEADERS, InProcessBus, ReceivedMessage, createBus, dlqTopic } from '../src';
import { text, waitFor } from './helpers';

const fast = { retries: 3, initialMs: 5, maxMs: 20 };

describe('InProcessBus', () => {
  let bus: InProcessBus;
  beforeEach(() => {
    bus = new InProcessBus({ topicPrefix: 'unit.', clock: () => new Date('2026-03-02T08:00:00Z') });
  });
  afterEach(() => bus.close());

  it('keeps publish order per key across partitions, with handlers of one partition run one at a time', async () => {
    const seen = new Map<string, number[]>();
    let concurrentSameKey = 0;
    const busy = new Set<string>();
    await bus.subscribe({
      groupId: 'order',
      topics: ['t'],
      handler: async (m) => {
        if (busy.has(m.key!)) concurrentSameKey++;
        busy.add(m.key!);
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        busy.delete(m.key!);
        const list = seen.get(m.key!) ?? [];
        list.push(Number(text(m)));
        seen.set(m.key!, list);
      },
    });
    const keys = ['site-a', 'site-b', 'site-c', 'site-d', 'site-e'];
    for (let i = 0; i < 20; i++) {
      await bus.publish(keys.map((k) => ({ topic: 't', key: k, value: String(i) })));
    }
    await waitFor('100 messages', () => [...seen.values()].reduce((n, l) => n + l.length, 0) === 100);
    for (const k of keys) expect(seen.get(k)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(concurrentSameKey).toBe(0);
  });

  it('redelivers a failing message with backoff until it succeeds, then goes on', async () => {
    const attempts: number[] = [];
    const done: string[] = [];
    const started = Date.now();
    await bus.subscribe({
      groupId: 'flaky',
      topics: ['t'],
      retry: { retries: 5, initialMs: 20, maxMs: 40 },
      handler: async (m) => {
        if (text(m) === 'first') {
          attempts.push(m.attempt);
          if (m.attempt < 3) throw new Error('database busy');
        }
        done.push(text(m));
      },
    });
    await bus.publish([
      { topic: 't', key: 'k', value: 'first' },
      { topic: 't', key: 'k', value: 'second' },
    ]);
    await waitFor('both processed', () => done.length === 2);
    expect(attempts).toEqual([1, 2, 3]);
    expect(done).toEqual(['first', 'second']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 40 - 5); // two backoffs: 20 ms then 40 ms
  });

  it('dead-letters after the retries run out, with the reason and attempts in the headers', async () => {
    const dead: ReceivedMessage[] = [];
    await bus.subscribe({ groupId: 'dlq-reader', topics: [dlqTopic('t')], handler: async (m) => void dead.push(m) });
    let calls = 0;
    await bus.subscribe({
      groupId: 'always-fails',
      topics: ['t'],
      retry: fast,
      handler: async () => {
        calls++;
        throw Object.assign(new Error('scorer exploded'), { classification: 'scoring-failure' });
      },
    });
    await bus.publish([{ topic: 't', key: 'site-1', value: 'payload', headers: { 'x-trace': 'abc' } }]);
    await waitFor('dead letter', () => dead.length === 1);
    expect(calls).toBe(4);
    const h = dead[0].headers;
    expect(dead[0].topic).toBe('t.dlq');
    expect(dead[0].key).toBe('site-1');
    expect(text(dead[0])).toBe('payload');
    expect(h[DLQ_HEADERS.reason]).toBe('scorer exploded');
    expect(h[DLQ_HEADERS.classification]).toBe('scoring-failure');
    expect(h[DLQ_HEADERS.attempts]).toBe('4');
    expect(h[DLQ_HEADERS.group]).toBe('always-fails');
    expect(h[DLQ_HEADERS.originalTopic]).toBe('t');
    expect(h[DLQ_HEADERS.failedAt]).toBe('2026-03-02T08:00:00.000Z');
    expect(h['x-trace']).toBe('abc');
  });

  it('sends a poison message (ContractViolation) straight to the DLQ and consumes the next one', async () => {
    const dead: ReceivedMessage[] = [];
    await bus.subscribe({ groupId: 'dlq-reader', topics: [dlqTopic(siteRegistered.topic)], handler: async (m) => void dead.push(m) });
    const got: string[] = [];
    let calls = 0;
    await bus.subscribe({
      groupId: 'registry-reader',
      topics: [siteRegistered.topic],
      retry: fast,
      handler: async (m) => {
        calls++;
        got.push(siteRegistered.parse(m.value).payload.name);
      },
    });
    const good = siteRegistered.create(
      '9f1c7a52-4e0b-4d8e-a1c2-3b4d5e6f7a8b',
      {
        siteId: '9f1c7a52-4e0b-4d8e-a1c2-3b4d5e6f7a8b',
        name: '北京市人民政府',
        url: 'http://www.beijing.gov.cn/',
        siteCode: '1100000001',
        regionCode: '110000',
        kind: 'portal',
        hostUnit: '北京市人民政府办公厅',
      },
      'test',
    );
    await bus.publish([
      { topic: siteRegistered.topic, key: good.key, value: '{"not":"an envelope"' },
      { topic: siteRegistered.topic, key: good.key, value: JSON.stringify(good) },
    ]);
    await waitFor('good message consumed', () => got.length === 1);
    await waitFor('poison dead-lettered', () => dead.length === 1);
    expect(got).toEqual(['北京市人民政府']);
    expect(calls).toBe(2); // the poison message was tried once, not retried
    expect(dead[0].headers[DLQ_HEADERS.classification]).toBe('contract-violation');
    expect(dead[0].headers[DLQ_HEADERS.reason]).toMatch(/^contract violation on registry.site-registered.v1: not JSON/);
    expect(dead[0].headers[DLQ_HEADERS.attempts]).toBe('1');
    expect(new ContractViolation('x', 'y').classification).toBe('contract-violation');
  });

  it('treats errors marked nonRetriable like poison', async () => {
    const dead: ReceivedMessage[] = [];
    await bus.subscribe({ groupId: 'd', topics: ['t.dlq'], handler: async (m) => void dead.push(m) });
    let calls = 0;
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      retry: fast,
      handler: async () => {
        calls++;
        throw Object.assign(new Error('unknown region 999999'), { nonRetriable: true });
      },
    });
    await bus.publish([{ topic: 't', key: 'k', value: 'v' }]);
    await waitFor('dead letter', () => dead.length === 1);
    expect(calls).toBe(1);
    expect(dead[0].headers[DLQ_HEADERS.classification]).toBe('handler-error');
  });

  it('delivers earlier messages to a late subscriber, and every message to each group', async () => {
    await bus.publish([
      { topic: 't', key: 'a', value: '1' },
      { topic: 't', key: 'b', value: '2' },
    ]);
    const g1: string[] = [];
    const g2: string[] = [];
    await bus.subscribe({ groupId: 'late-1', topics: ['t'], handler: async (m) => void g1.push(text(m)) });
    await bus.subscribe({ groupId: 'late-2', topics: ['t'], handler: async (m) => void g2.push(text(m)) });
    await bus.publish([{ topic: 't', key: 'a', value: '3' }]);
    await waitFor('both groups got 3 messages', () => g1.length === 3 && g2.length === 3);
    expect(g1.sort()).toEqual(['1', '2', '3']);
    expect(g2.sort()).toEqual(['1', '2', '3']);
  });

  it('resumes a group from its committed offsets after stop, and close() waits for a running handler', async () => {
    const got: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (m) => {
        if (text(m) === 'slow') await gate;
        got.push(text(m));
      },
    });
    await bus.publish([{ topic: 't', key: 'k', value: 'slow' }]);
    await new Promise((r) => setTimeout(r, 10));
    let stopped = false;
    const stopping = h.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false); // still waiting for the handler
    release();
    await stopping;
    expect(got).toEqual(['slow']);
    await bus.publish([{ topic: 't', key: 'k', value: 'after' }]);
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async (m) => void got.push(text(m)) });
    await waitFor('resumed', () => got.length === 2);
    expect(got).toEqual(['slow', 'after']);
  });

  it('rejects bad input with classified errors', async () => {
    await expect(bus.publish([{ topic: 't', key: '', value: 'v' }])).rejects.toMatchObject({ classification: 'invalid-argument' });
    await expect(bus.subscribe({ groupId: '', topics: ['t'], handler: async () => {} })).rejects.toMatchObject({ classification: 'invalid-argument' });
    await expect(bus.subscribe({ groupId: 'g', topics: ['t'], handler: async () => {}, retry: { retries: -1 } })).rejects.toThrow(/retry.retries/);
    await bus.subscribe({ groupId: 'g', topics: ['t'], handler: async () => {} });
    await expect(bus.subscribe({ groupId: 'g', topics: ['t'], handler: async () => {} })).rejects.toThrow(/already has an active subscription/);
  });

  it('createBus picks the in-process bus without KAFKA_BROKERS and applies TOPIC_PREFIX', async () => {
    const b = createBus({ env: { TOPIC_PREFIX: 'p1.' }, clientId: 'x' });
    expect(b.kind).toBe('in-process');
    const k = createBus({ env: { KAFKA_BROKERS: '127.0.0.1:1', TOPIC_PREFIX: 'p2.' }, clientId: 'x' });
    expect(k.kind).toBe('kafka');
    expect((k as unknown as { topicPrefix: string }).topicPrefix).toBe('p2.');
    await Promise.all([b.close(), k.close()]);
  });
});
