export * from './protocol';
export * from './bridged-bus';
export * from './bus-host';
