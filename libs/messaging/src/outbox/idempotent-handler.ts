import { EventContract, EventEnvelope } from '@govinspect/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { ReceivedMessage, Subscription } from '../bus';

/**
 * Wrap an effect so that each event id takes effect once per consumer: the message is validated against its contract
 * (a ContractViolation sends it to the dead-letter topic), then the processed_event row and the effect commit in one
 * transaction. A duplicate delivery finds the row and does nothing.
 */
export function idempotentHandler<S extends z.ZodTypeAny>(
  dataSource: DataSource,
  consumerName: string,
  contract: EventContract<S>,
  handle: (envelope: EventEnvelope<z.infer<S>>, manager: EntityManager, message: ReceivedMessage) => Promise<void>,
): Subscription['handler'] {
  if (!consumerName) throw new Error('idempotentHandler needs a consumer name');
  return async (message) => {
    const envelope = contract.parse(message.value);
    await dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [consumerName, envelope.id],
      );
      if (inserted.length === 0) return; // already applied
      await handle(envelope, manager, message);
    });
  };
}
