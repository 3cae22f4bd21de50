export * from './egress';
export * from './dispatcher';
export * from './failure-class';
export * from './probe';
export * from './policy-from-env';
