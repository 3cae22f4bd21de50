import { MessageChannel } from 'node:worker_threads';
import { ContractViolation } from '@govinspect/contracts';
import { DLQ_HEADERS, InProcessBus, ReceivedMessage, dlqTopic, silentLogger } from '@govinspect/messaging';
import { BridgedBus, BusHost } from '../src';

/** The bridge must keep the host bus's contract: delivery, per-key order, retries, and dead letters with reasons. */
describe('bus bridge over a MessageChannel', () => {
  // Closing the bridge waits for in-flight deliveries; on a loaded 2-core CI machine that can pass Jest's 5 s default.
  jest.setTimeout(30_000);
  let host: InProcessBus;
  let channel: MessageChannel;
  let bridgeHost: BusHost;
  let bridged: BridgedBus;

  beforeEach(() => {
    host = new InProcessBus({ logger: silentLogger });
    channel = new MessageChannel();
    bridgeHost = new BusHost(channel.port1, host);
    bridged = new BridgedBus(channel.port2, host.kind);
  });

  afterEach(async () => {
    await bridgeHost.detach();
    await bridged.close();
    await host.close();
    channel.port1.close();
  });

  const collect = () => {
    const got: ReceivedMessage[] = [];
    const waitFor = async (n: number) => {
      for (let i = 0; i < 200 && got.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      return got;
    };
    return { got, waitFor };
  };

  it('delivers messages published on either side, in order per key, as Buffers', async () => {
    const { got, waitFor } = collect();
    await bridged.subscribe({ groupId: 'g', topics: ['t'], handler: async (m) => void got.push(m) });
    await bridged.publish([{ topic: 't', key: 'site-1', value: 'a' }, { topic: 't', key: 'site-1', value: 'b' }]);
    await host.publish([{ topic: 't', key: 'site-1', value: 'c' }]);
    const messages = await waitFor(3);
    expect(messages.map((m) => m.value!.toString())).toEqual(['a', 'b', 'c']);
    expect(Buffer.isBuffer(messages[0].value)).toBe(true);
  });

  it('retries a failing handler in the service thread, then succeeds', async () => {
    let calls = 0;
    const { got, waitFor } = collect();
    await bridged.subscribe({
      groupId: 'g',
      topics: ['t'],
      retry: { retries: 3, initialMs: 5, maxMs: 10 },
      handler: async (m) => {
        if (++calls < 3) throw new Error('database busy');
        got.push(m);
      },
    });
    await bridged.publish([{ topic: 't', key: 'k', value: 'x' }]);
    expect((await waitFor(1)).map((m) => m.attempt)).toEqual([3]);
  });

  it('dead-letters a contract violation at once, with its reason, and goes on', async () => {
    const dead = collect();
    const good = collect();
    await host.subscribe({ groupId: 'dlq-reader', topics: [dlqTopic('t')], handler: async (m) => void dead.got.push(m) });
    await bridged.subscribe({
      groupId: 'g',
      topics: ['t'],
      retry: { retries: 5, initialMs: 5, maxMs: 10 },
      handler: async (m) => {
        if (m.value!.toString() === 'poison') throw new ContractViolation('t', 'payload.siteCode: Invalid');
        good.got.push(m);
      },
    });
    await bridged.publish([{ topic: 't', key: 'k', value: 'poison' }, { topic: 't', key: 'k', value: 'fine' }]);
    const [letter] = await dead.waitFor(1);
    expect(letter.headers[DLQ_HEADERS.reason]).toContain('payload.siteCode: Invalid');
    expect(letter.headers[DLQ_HEADERS.attempts]).toBe('1');
    expect((await good.waitFor(1)).map((m) => m.value!.toString())).toEqual(['fine']);
  });

  it('reports a host-side refusal back to the caller', async () => {
    await expect(bridged.subscribe({ groupId: '', topics: ['t'], handler: async () => undefined })).rejects.toThrow(/groupId/);
  });
});
