import { ContractViolation, EventContract, EventEnvelope } from '@govinspect/contracts';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

/**
 * Write an event to the outbox with the caller's transaction, so the event exists if and only if the state change
 * commits. Returns the envelope (its id is the event id).
 */
export async function enqueueEvent<S extends z.ZodTypeAny>(
  manager: EntityManager,
  contract: EventContract<S>,
  key: string,
  payload: z.infer<S>,
  producer: string,
  now?: Date,
): Promise<EventEnvelope<z.infer<S>>> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw Object.assign(new Error(`enqueueEvent(${contract.topic}) must run inside the transaction that changes the state`), {
      classification: 'outbox-no-transaction',
    });
  }
  let envelope: EventEnvelope<z.infer<S>>;
  try {
    envelope = contract.create(key, payload, producer, now);
  } catch (e) {
    if (e instanceof z.ZodError) {
      throw new ContractViolation(contract.topic, e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
    }
    throw e;
  }
  const headers = {
    'content-type': 'application/json',
    'x-event-id': envelope.id,
    'x-event-type': contract.type,
    'x-event-version': String(contract.version),
    'x-producer': producer,
  };
  await manager.query(`INSERT INTO outbox_message (id, topic, key, value, headers) VALUES ($1, $2, $3, $4, $5)`, [
    envelope.id,
    contract.topic,
    key,
    JSON.stringify(envelope),
    JSON.stringify(headers),
  ]);
  return envelope;
}
