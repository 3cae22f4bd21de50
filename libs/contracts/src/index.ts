export * from './envelope';
export * from './define-event';
export * from './events';
export * from './findings';
