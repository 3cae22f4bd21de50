import { ContractViolation, findingsRecorded } from '@govinspect/contracts';
import { finding } from './helpers';

// The contract scoring consumes (libs/contracts/src/findings.ts), exercised from the consumer's side.
describe('findingsRecorded contract', () => {
  const payload = () => ({
    targetId: 'portal-1',
    targetKind: 'site' as const,
    asOf: '2022-05-16T10:00:00+08:00',
    runId: 'run-1',
    findings: [finding('portal-1', 'column-stale', '首页>公众互动>在线访谈>访谈预告', { lastUpdated: '2021-03-01', columnClass: 'other' })],
  });

  it('round-trips through the bus envelope on topic crawl.findings-recorded.v1', () => {
    const env = findingsRecorded.create('portal-1', findingsRecorded.schema.parse(payload()), 'crawl', new Date('2022-05-16T02:00:00Z'));
    expect(findingsRecorded.topic).toBe('crawl.findings-recorded.v1');
    const back = findingsRecorded.parse(JSON.stringify(env));
    expect(back.payload.findings[0].location.breadcrumb).toBe('首页>公众互动>在线访谈>访谈预告');
    expect(back.payload.findings[0].attributes.lastUpdated).toBe('2021-03-01');
  });

  it('rejects unknown finding types and bad attributes with a readable reason', () => {
    const bad = payload();
    (bad.findings[0] as { type: string }).type = 'column-stail';
    (bad.findings[0].attributes as Record<string, unknown>).failureRatio = 1.5;
    const env = { id: 'x', type: 'crawl.findings-recorded', version: 1, key: 'portal-1', occurredAt: '2022-05-16T02:00:00Z', producer: 'crawl', payload: bad };
    expect(() => findingsRecorded.parse(JSON.stringify(env))).toThrow(ContractViolation);
    expect(() => findingsRecorded.parse(JSON.stringify(env))).toThrow(/payload\.findings\.0\.type.*payload\.findings\.0\.attributes\.failureRatio/s);
  });
});
