import { MessageBus } from './bus';
import { InProcessBus } from './in-process-bus';
import { KafkaBus, KafkaBusOptions } from './kafka-bus';
import { BusLogger } from './logger';

export interface CreateBusOptions {
  env?: NodeJS.ProcessEnv;
  clientId: string;
  logger?: BusLogger;
  /** Extra KafkaBus settings (ignored for the in-process bus). */
  kafka?: Partial<Omit<KafkaBusOptions, 'brokers' | 'clientId'>>;
}

/** KAFKA_BROKERS set → Kafka; otherwise the in-process bus (embedded mode). TOPIC_PREFIX → topicPrefix. */
export function createBus({ env = process.env, clientId, logger, kafka }: CreateBusOptions): MessageBus {
  const topicPrefix = env.TOPIC_PREFIX || undefined;
  if (env.KAFKA_BROKERS && env.KAFKA_BROKERS.trim()) {
    return new KafkaBus({ ...kafka, brokers: env.KAFKA_BROKERS, clientId, topicPrefix: kafka?.topicPrefix ?? topicPrefix, logger });
  }
  return new InProcessBus({ topicPrefix, logger });
}
