import { GraphQLError } from 'graphql';
import { validateSiteInput } from '../src/validate-site';
import { RegisterSiteInput } from '../src/site.model';

const good: RegisterSiteInput = {
  name: ' 云溪市人民政府 ',
  url: 'http://www.yunxi.gov.cn',
  siteCode: '4213000001',
  regionCode: '421300',
  kind: 'portal',
  hostUnit: '云溪市人民政府办公室',
};

describe('validateSiteInput', () => {
  it('normalises a valid registration', () => {
    expect(validateSiteInput(good)).toEqual({ ...good, name: '云溪市人民政府', url: 'http://www.yunxi.gov.cn/' });
  });

  it('accepts the bm + 8 digits form of State Council departments', () => {
    expect(validateSiteInput({ ...good, siteCode: 'bm01000001' })).not.toBeInstanceOf(GraphQLError);
  });

  it.each([
    ['siteCode', { siteCode: '421300000' }],
    ['siteCode', { siteCode: '42130000011' }],
    ['siteCode', { siteCode: 'BM01000001' }],
    ['siteCode', { siteCode: 'bm0100000' }],
    ['regionCode', { regionCode: '4213' }],
    ['regionCode', { regionCode: '42130a' }],
    ['url', { url: 'www.yunxi.gov.cn' }],
    ['url', { url: 'javascript:alert(1)' }],
    ['name', { name: '' }],
    ['hostUnit', { hostUnit: ' ' }],
  ])('names the field %s in the error for %j', (field, patch) => {
    const result = validateSiteInput({ ...good, ...patch } as RegisterSiteInput);
    expect(result).toBeInstanceOf(GraphQLError);
    expect((result as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect((result as GraphQLError).message.startsWith(`${field}: `)).toBe(true);
  });
});
