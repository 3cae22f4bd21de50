import { MessageBus, SubscriptionHandle } from '@govinspect/messaging';
import { Port, ToHost, ToService, deserializeError, serializeError } from './protocol';

/**
 * Serves one service thread's BridgedBus from the real bus of this thread. Several hosts may share one bus: that
 * is how the services of embedded mode share the in-process bus while each runs in its own worker.
 */
export class BusHost {
  private readonly subscriptions = new Map<number, SubscriptionHandle>();
  private readonly deliveries = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private nextDelivery = 1;
  private readonly listener = (msg: ToHost) => void this.onMessage(msg);

  constructor(private readonly port: Port, private readonly bus: MessageBus) {
    port.on('message', this.listener);
  }

  /** Stop this thread's subscriptions and fail its in-flight deliveries (they are redelivered by the bus). */
  async detach(): Promise<void> {
    this.port.off('message', this.listener);
    await Promise.all([...this.subscriptions.values()].map((h) => h.stop().catch(() => undefined)));
    this.subscriptions.clear();
    for (const d of this.deliveries.values()) d.reject(Object.assign(new Error('service thread detached'), { classification: 'detached' }));
    this.deliveries.clear();
  }

  private async onMessage(msg: ToHost): Promise<void> {
    if (!msg || typeof msg !== 'object') return;
    if (msg.op === 'delivered') {
      const d = this.deliveries.get(msg.delivery);
      this.deliveries.delete(msg.delivery);
      if (msg.error) d?.reject(deserializeError(msg.error));
      else d?.resolve();
      return;
    }
    if (!['publish', 'ensureTopics', 'subscribe', 'unsubscribe'].includes(msg.op)) return;
    const reply: ToService = { op: 'reply', req: msg.req };
    try {
      if (msg.op === 'publish') await this.bus.publish(msg.messages.map((m) => ({ ...m, value: typeof m.value === 'string' ? m.value : Buffer.from(m.value) })));
      else if (msg.op === 'ensureTopics') await this.bus.ensureTopics(msg.topics);
      else if (msg.op === 'subscribe') {
        const handle = await this.bus.subscribe({
          groupId: msg.groupId,
          topics: msg.topics,
          retry: msg.retry,
          handler: (message) =>
            new Promise<void>((resolve, reject) => {
              const delivery = this.nextDelivery++;
              this.deliveries.set(delivery, { resolve, reject });
              this.port.postMessage({ op: 'deliver', delivery, sub: msg.sub, message } satisfies ToService);
            }),
        });
        this.subscriptions.set(msg.sub, handle);
      } else if (msg.op === 'unsubscribe') {
        await this.subscriptions.get(msg.sub)?.stop();
        this.subscriptions.delete(msg.sub);
      }
    } catch (e) {
      reply.error = serializeError(e);
    }
    this.port.postMessage(reply);
  }
}
