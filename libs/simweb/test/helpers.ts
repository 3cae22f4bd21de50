// Test client with connect-to semantics: the URL and Host header stay, the TCP connection goes to the
// address the resolve map gives (exactly what the crawler is expected to do).
import * as http from 'node:http';
import * as https from 'node:https';
import type { ResolveMap, ScenarioInput } from '../src';

export interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type Via = 'ipv4' | 'ipv6' | 'https';

export function fetchVia(
  map: ResolveMap,
  url: string,
  opts: { headers?: Record<string, string>; method?: string; body?: string; via?: Via; timeoutMs?: number; ca?: string | null; forceAddress?: string } = {},
): Promise<Fetched> {
  const u = new URL(url);
  const entry = map[u.hostname];
  if (!entry) return Promise.reject(Object.assign(new Error(`unresolvable host ${u.hostname}`), { code: 'ENOTFOUND' }));
  const via = opts.via ?? (u.protocol === 'https:' ? 'https' : 'ipv4');
  const addr = opts.forceAddress ?? entry[via];
  if (!addr) return Promise.reject(Object.assign(new Error(`no ${via} address for ${u.hostname}`), { code: 'ENOADDR' }));
  const m = /^\[?([^\]]+)\]?:(\d+)$/.exec(addr)!;
  const mod = via === 'https' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      {
        host: m[1], port: Number(m[2]), path: u.pathname + u.search, method: opts.method ?? 'GET',
        headers: { host: u.host, ...(opts.headers ?? {}) }, agent: false,
        ...(via === 'https' ? { servername: u.hostname, ca: opts.ca ?? undefined } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.setTimeout(opts.timeoutMs ?? 5000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export async function failureOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return (e as { code?: string }).code ?? (e as Error).message;
  }
}

/** A minimal valid site; tests add the state or defect under test. */
export function baseSite(id: string, n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `测试县${id.replace(/\W/g, '')}局`,
    host: `${id}.cs.gov.cn`,
    kind: 'department',
    region: '429901',
    siteCode: `4299010${String(n).padStart(3, '0')}`,
    hostUnit: `测试县${id.replace(/\W/g, '')}局`,
    icpNumber: `鄂ICP备1234567${n % 10}号`,
    psbNumber: `鄂公网安备 42990102000${String(n).padStart(3, '0')}号`,
    ...extra,
  };
}

export function scenarioWith(sites: Record<string, unknown>[], extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    version: 1,
    name: 'test',
    seed: 7,
    asOf: '2024-06-28T10:00:00+08:00',
    regions: [{ code: '420000', name: '云泽省', level: 'province' }, { code: '429901', name: '测试县', level: 'county', parent: '420000' }],
    sites: sites as ScenarioInput['sites'],
    ...extra,
  };
}
