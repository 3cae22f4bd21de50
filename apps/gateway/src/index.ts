import './no-phone-home';
export * from './gateway';
export * from './subgraphs';
