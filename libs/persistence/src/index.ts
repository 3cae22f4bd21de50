export * from './database-url';
export * from './ensure-database';
