import { z } from 'zod';

/**
 * Every event on the bus is wrapped in this envelope. `id` is what idempotent consumers de-duplicate on;
 * `key` is the target id (site, account, region) so that the transport keeps per-target order.
 */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  key: string;
  occurredAt: string;
  producer: string;
  payload: T;
}

export const envelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int().positive(),
  key: z.string().min(1),
  occurredAt: z.string().datetime({ offset: true }),
  producer: z.string().min(1),
  payload: z.unknown(),
});
