import './no-phone-home';
export * from './no-phone-home';
export * from './tokens';
export * from './graphql-errors';
export * from './start-service';
export * from './subscriptions';
export * from './run-main';
