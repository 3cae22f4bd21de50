import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EventEnvelope, envelopeSchema } from './envelope';

/** Thrown when a consumed message does not match its contract; such a message goes to the dead-letter topic. */
export class ContractViolation extends Error {
  readonly classification = 'contract-violation';
  constructor(readonly topic: string, readonly reason: string) {
    super(`contract violation on ${topic}: ${reason}`);
    this.name = 'ContractViolation';
  }
}

export interface EventContract<S extends z.ZodTypeAny> {
  /** Kafka topic; the major version is part of the name so a breaking change gets a new topic. */
  topic: string;
  type: string;
  version: number;
  schema: S;
  /** Build an envelope for a payload (validated on the way out too). */
  create(key: string, payload: z.infer<S>, producer: string, now?: Date): EventEnvelope<z.infer<S>>;
  /** Parse and validate raw bytes from the bus; throws ContractViolation with a readable reason. */
  parse(raw: Buffer | string | null): EventEnvelope<z.infer<S>>;
}

export function defineEvent<S extends z.ZodTypeAny>(type: string, version: number, schema: S): EventContract<S> {
  const topic = `${type}.v${version}`;
  const fullSchema = envelopeSchema.extend({ type: z.literal(type), version: z.literal(version), payload: schema });
  return {
    topic,
    type,
    version,
    schema,
    create(key, payload, producer, now = new Date()) {
      return { id: randomUUID(), type, version, key, occurredAt: now.toISOString(), producer, payload: schema.parse(payload) };
    },
    parse(raw) {
      if (raw === null || raw === undefined) throw new ContractViolation(topic, 'empty message');
      let json: unknown;
      try {
        json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
      } catch (e) {
        throw new ContractViolation(topic, `not JSON: ${(e as Error).message}`);
      }
      const r = fullSchema.safeParse(json);
      if (!r.success) {
        const reason = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        throw new ContractViolation(topic, reason);
      }
      return r.data as EventEnvelope<z.infer<S>>;
    },
  };
}
