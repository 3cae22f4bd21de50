import { randomUUID } from 'node:crypto';
import { ALL_EVENTS, ContractViolation, probeRecorded, siteRegistered } from '../src';

const payload = {
  siteId: randomUUID(),
  name: '云溪市人民政府',
  url: 'http://www.yunxi.gov.cn/',
  siteCode: '4213000001',
  regionCode: '421300',
  kind: 'portal' as const,
  hostUnit: '云溪市人民政府办公室',
};

describe('event contracts', () => {
  it('carry the major version in the topic name, and every topic is unique', () => {
    expect(siteRegistered.topic).toBe('registry.site-registered.v1');
    expect(probeRecorded.topic).toBe('crawl.probe-recorded.v1');
    expect(new Set(ALL_EVENTS.map((e) => e.topic)).size).toBe(ALL_EVENTS.length);
  });

  it('round-trip an envelope through bytes', () => {
    const env = siteRegistered.create(payload.siteId, payload, 'registry', new Date('2026-11-22T08:00:00Z'));
    const parsed = siteRegistered.parse(Buffer.from(JSON.stringify(env)));
    expect(parsed).toEqual(env);
    expect(parsed.key).toBe(payload.siteId);
  });

  it.each([
    ['not JSON', Buffer.from('{oops'), /not JSON/],
    ['empty', null, /empty message/],
    ['a bad site code', () => ({ ...siteRegistered.create(payload.siteId, payload, 'registry'), payload: { ...payload, siteCode: '123' } }), /payload\.siteCode/],
    ['another event type', () => ({ ...siteRegistered.create(payload.siteId, payload, 'registry'), type: 'crawl.probe-recorded' }), /type/],
    ['a newer version', () => ({ ...siteRegistered.create(payload.siteId, payload, 'registry'), version: 2 }), /version/],
    ['no id', () => ({ ...siteRegistered.create(payload.siteId, payload, 'registry'), id: '' }), /^.*id/],
  ])('reject %s with a ContractViolation that says why', (_label, raw, reason) => {
    const bytes = typeof raw === 'function' ? Buffer.from(JSON.stringify(raw())) : raw;
    let error: unknown;
    try {
      siteRegistered.parse(bytes as Buffer | null);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractViolation);
    expect((error as ContractViolation).classification).toBe('contract-violation');
    expect((error as ContractViolation).reason).toMatch(reason);
  });

  it('refuse to create an envelope whose payload breaks the contract', () => {
    expect(() => siteRegistered.create(payload.siteId, { ...payload, regionCode: '42' }, 'registry')).toThrow();
  });
});
