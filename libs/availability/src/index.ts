export * from './slots';
export * from './summary';
export * from './finding';
