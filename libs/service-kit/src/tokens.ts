/** DI token of the MessageBus a service publishes to and consumes from. */
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
/** DI token of the service's own OutboxRelay. */
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');
