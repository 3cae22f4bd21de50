import { REGION_CODE_PATTERN, SITE_CODE_PATTERN } from '@govinspect/contracts';
import { badInput } from '@govinspect/service-kit';
import { GraphQLError } from 'graphql';
import { RegisterSiteInput } from './site.model';

/** Checks a registration and returns a normalised copy, or the first error naming its field. */
export function validateSiteInput(input: RegisterSiteInput): RegisterSiteInput | GraphQLError {
  const name = input.name.trim();
  if (!name) return badInput('name', '网站名称不能为空 (name must not be empty)');
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    return badInput('url', `不是有效的网址 (not a valid URL): ${input.url}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return badInput('url', `只支持 http/https 网址 (only http and https are inspected): ${input.url}`);
  }
  const siteCode = input.siteCode.trim();
  if (!SITE_CODE_PATTERN.test(siteCode)) {
    return badInput('siteCode', `网站标识码格式不正确，应为10位数字或bm加8位数字 (got "${input.siteCode}")`);
  }
  const regionCode = input.regionCode.trim();
  if (!REGION_CODE_PATTERN.test(regionCode)) {
    return badInput('regionCode', `行政区划代码应为6位数字 (got "${input.regionCode}")`);
  }
  const hostUnit = input.hostUnit.trim();
  if (!hostUnit) return badInput('hostUnit', '主办单位不能为空 (hostUnit must not be empty)');
  return { ...input, name, url: url.toString(), siteCode, regionCode, hostUnit };
}
