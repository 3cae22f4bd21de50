import { MessageBus, OutgoingMessage, ReceivedMessage, Subscription, SubscriptionHandle } from '@govinspect/messaging';
import { Port, ToHost, ToService, deserializeError, serializeError } from './protocol';

/**
 * The MessageBus a service sees when it runs in a worker thread: every call is forwarded to the host thread's real
 * bus, and every delivery comes back here. Retries, ordering and dead letters stay the host bus's job, so the
 * contract is exactly the host bus's.
 */
export class BridgedBus implements MessageBus {
  readonly kind: MessageBus['kind'];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<number, Subscription['handler']>();
  private readonly listener = (msg: ToService) => this.onMessage(msg);

  constructor(private readonly port: Port, kind: MessageBus['kind']) {
    this.kind = kind;
    port.on('message', this.listener);
  }

  publish(messages: OutgoingMessage[]): Promise<void> {
    return this.call({ op: 'publish', req: 0, messages });
  }

  ensureTopics(topics: string[]): Promise<void> {
    return this.call({ op: 'ensureTopics', req: 0, topics });
  }

  async subscribe(subscription: Subscription): Promise<SubscriptionHandle> {
    const sub = this.nextId++;
    this.handlers.set(sub, subscription.handler);
    await this.call({ op: 'subscribe', req: 0, sub, groupId: subscription.groupId, topics: subscription.topics, retry: subscription.retry });
    return {
      stop: async () => {
        await this.call({ op: 'unsubscribe', req: 0, sub });
        this.handlers.delete(sub);
      },
    };
  }

  async close(): Promise<void> {
    this.port.off('message', this.listener);
    for (const p of this.pending.values()) p.reject(new Error('bus bridge closed'));
    this.pending.clear();
  }

  private call(msg: ToHost & { req: number }): Promise<void> {
    const req = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(req, { resolve, reject });
      this.port.postMessage({ ...msg, req });
    });
  }

  private onMessage(msg: ToService): void {
    if (msg?.op === 'reply') {
      const p = this.pending.get(msg.req);
      this.pending.delete(msg.req);
      if (msg.error) p?.reject(deserializeError(msg.error));
      else p?.resolve();
    } else if (msg?.op === 'deliver') {
      void this.deliver(msg.delivery, msg.sub, msg.message);
    }
  }

  private async deliver(delivery: number, sub: number, message: ReceivedMessage): Promise<void> {
    const handler = this.handlers.get(sub);
    let reply: ToHost;
    try {
      if (!handler) throw Object.assign(new Error(`no handler for subscription ${sub}`), { classification: 'unsubscribed' });
      // Structured clone turns Buffers into Uint8Arrays; handlers expect Buffers.
      await handler({ ...message, value: message.value ? Buffer.from(message.value) : null });
      reply = { op: 'delivered', delivery };
    } catch (e) {
      reply = { op: 'delivered', delivery, error: serializeError(e) };
    }
    this.port.postMessage(reply);
  }
}
