import { OutgoingMessage, ReceivedMessage, RetryPolicy } from '@govinspect/messaging';

/** Messages a service thread sends to the thread that owns the real bus. */
export type ToHost =
  | { op: 'publish'; req: number; messages: OutgoingMessage[] }
  | { op: 'ensureTopics'; req: number; topics: string[] }
  | { op: 'subscribe'; req: number; sub: number; groupId: string; topics: string[]; retry?: Partial<RetryPolicy> }
  | { op: 'unsubscribe'; req: number; sub: number }
  | { op: 'delivered'; delivery: number; error?: SerializedError };

/** Messages the host sends back. */
export type ToService =
  | { op: 'reply'; req: number; error?: SerializedError }
  | { op: 'deliver'; delivery: number; sub: number; message: ReceivedMessage };

/** Enough of an error for the host's retry and dead-letter logic: message, non-retriable flag, classification. */
export interface SerializedError {
  name: string;
  message: string;
  nonRetriable?: boolean;
  classification?: string;
}

export function serializeError(e: unknown): SerializedError {
  const x = e as { name?: string; message?: string; nonRetriable?: boolean; classification?: string };
  return {
    name: x?.name ?? 'Error',
    message: x?.message ?? String(e),
    nonRetriable: x?.nonRetriable === true || x?.name === 'ContractViolation' || undefined,
    classification: typeof x?.classification === 'string' ? x.classification : undefined,
  };
}

export function deserializeError(s: SerializedError): Error {
  return Object.assign(new Error(s.message), { name: s.name, nonRetriable: s.nonRetriable, classification: s.classification });
}

/** The part of MessagePort / parentPort the bridge uses. */
export interface Port {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (value: any) => void): unknown;
  off(event: 'message', listener: (value: any) => void): unknown;
}
