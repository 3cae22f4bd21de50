export * from './card';
export * from './errors';
export * from './score';
export * from './tenths';
export { evidenceRefs, renderAnnex } from './annex';
