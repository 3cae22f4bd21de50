export * from './envelope';
export * from './define-event';
export * from './patterns';
export * from './events';
export * from './findings';
export * from './inspection';
export * from './scoring';
export * from './reporting';
