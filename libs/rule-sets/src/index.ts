export * from './schema';
export * from './errors';
export * from './windows';
export * from './resolve';
export * from './repository';
export * from './availability';
export * from './diff';
