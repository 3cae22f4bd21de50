import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventContract, EventEnvelope } from '@govinspect/contracts';
import { MessageBus, SubscriptionHandle, idempotentHandler } from '@govinspect/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { MESSAGE_BUS } from './tokens';

export interface EventHandlerSpec<T = any> {
  contract: EventContract<any>;
  /** Runs inside the transaction that also records the event id, so a redelivered event has one effect. */
  handle(event: EventEnvelope<T>, manager: EntityManager): Promise<void>;
}

/** A handler whose event type comes from its contract, so consumers need no casts. */
export function on<S extends z.ZodTypeAny>(
  contract: EventContract<S>,
  handle: (event: EventEnvelope<z.infer<S>>, manager: EntityManager) => Promise<void>,
): EventHandlerSpec<z.infer<S>> {
  return { contract, handle };
}

/**
 * Base for a service's consumers: subscribes one consumer group per (service, topic) on start and stops on shutdown.
 * Subclasses list their handlers; de-duplication and dead-lettering come from @govinspect/messaging.
 */
@Injectable()
export abstract class EventSubscriptions implements OnApplicationBootstrap, OnApplicationShutdown {
  private handles: SubscriptionHandle[] = [];
  protected readonly logger = new Logger(this.constructor.name);

  constructor(
    @Inject(MESSAGE_BUS) protected readonly bus: MessageBus,
    protected readonly dataSource: DataSource,
  ) {}

  protected abstract serviceName(): string;
  protected abstract handlers(): EventHandlerSpec[];

  async onApplicationBootstrap() {
    for (const spec of this.handlers()) {
      const groupId = `${this.serviceName()}.${spec.contract.type}`;
      const handle = await this.bus.subscribe({
        groupId,
        topics: [spec.contract.topic],
        handler: idempotentHandler(this.dataSource, groupId, spec.contract, (e, m) => spec.handle(e, m)),
      });
      this.handles.push(handle);
    }
  }

  async onApplicationShutdown() {
    await Promise.all(this.handles.map((h) => h.stop()));
    this.handles = [];
  }
}
