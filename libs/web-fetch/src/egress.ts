import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where the crawler may connect.
 * - `loopback`: the simulated web only. Hosts resolve through the resolve map or are loopback literals; no DNS query
 *   ever leaves the machine. The default, so a developer or test can never reach a real site by accident.
 * - `public`: real sites. Loopback, private, link-local, CGNAT and cloud-metadata ranges are refused (a registry
 *   entry or a redirect must not turn the crawler against internal networks) unless an allowlist permits them.
 */
export type EgressMode = 'loopback' | 'public';

/** One host's connect-to override, as written by the simulated web (`resolve-map.json`). */
export interface ResolveTarget {
  ipv4?: string | null;
  ipv6?: string | null;
  https?: string | null;
}
export type ResolveMap = Record<string, ResolveTarget>;

export interface EgressPolicy {
  mode: EgressMode;
  resolveMap?: ResolveMap;
  /** CIDRs allowed even in guarded ranges (public mode), e.g. a lab network. */
  allowlist?: string[];
}

/** Raised before any connection is attempted; the probe's failure class is `guarded` or `dns`. */
export class EgressRefused extends Error {
  constructor(
    readonly code: 'EGUARDED' | 'ENOTFOUND',
    readonly host: string,
    reason: string,
  ) {
    super(`${host}: ${reason}`);
    this.name = 'EgressRefused';
  }
}

const GUARDED_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
// IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged by its IPv4 part (see `unmapped`), not by a ::ffff:0:0/96 rule:
// Node's BlockList applies such a rule to every IPv4 address.
const GUARDED_V6: Array<[string, number]> = [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]];

const guarded = new BlockList();
for (const [a, p] of GUARDED_V4) guarded.addSubnet(a, p, 'ipv4');
for (const [a, p] of GUARDED_V6) guarded.addSubnet(a, p, 'ipv6');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** `::ffff:127.0.0.1` → `127.0.0.1`, so a mapped address cannot slip past the IPv4 rules. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : address;
}

function family(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

export function isLoopback(raw: string): boolean {
  const address = unmapped(raw);
  return loopback.check(address, family(address));
}

function allowlisted(address: string, allowlist: string[] = []): boolean {
  if (!allowlist.length) return false;
  const list = new BlockList();
  for (const cidr of allowlist) {
    const [a, p] = cidr.split('/');
    const f = family(a);
    list.addSubnet(a, Number(p ?? (f === 'ipv6' ? 128 : 32)), f);
  }
  return list.check(address, family(address));
}

/** Is a connection to this address permitted under the policy? */
export function addressPermitted(raw: string, policy: EgressPolicy): boolean {
  const address = unmapped(raw);
  if (policy.mode === 'loopback') return isLoopback(address);
  return allowlisted(address, policy.allowlist) || !guarded.check(address, family(address));
}

export interface ConnectTarget {
  address: string;
  port: number;
}

function splitHostPort(value: string): ConnectTarget {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(value);
  if (!m) throw new Error(`resolve map entry "${value}" is not host:port`);
  return { address: m[1], port: Number(m[2]) };
}

export type AddressFamily = 'ipv4' | 'ipv6';

/** Guard one resolved answer (resolve map, literal or DNS); the checked address is the one we connect to. */
function permittedOrRefuse(host: string, target: ConnectTarget, policy: EgressPolicy): ConnectTarget {
  if (!addressPermitted(target.address, policy)) {
    throw new EgressRefused('EGUARDED', host, `address ${target.address} is outside the permitted egress (${policy.mode})`);
  }
  return target;
}

function familyMatches(address: string, wanted: AddressFamily | undefined): boolean {
  return !wanted || family(unmapped(address)) === wanted;
}

/**
 * Decide where to connect for `hostname:port`. A resolve-map entry wins (connect-to semantics: URL and Host header
 * stay as they are). Every answer, including each resolve-map and DNS answer, is checked against the policy before
 * use, and the checked address is what we connect to, so a second DNS answer cannot swap in a guarded one.
 * `wanted` forces one address family (the IPv6 reachability check): a host without an address of that family
 * fails like an unresolvable host.
 */
export async function resolveConnectTarget(
  hostname: string,
  port: number,
  protocol: string,
  policy: EgressPolicy,
  wanted?: AddressFamily,
): Promise<ConnectTarget> {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = policy.resolveMap?.[host];
  if (mapped) {
    const https = protocol === 'https:';
    const chosen = https ? mapped.https : wanted ? mapped[wanted] : (mapped.ipv4 ?? mapped.ipv6);
    const what = `${https ? 'HTTPS' : 'HTTP'}${wanted ? ` ${wanted === 'ipv6' ? 'IPv6' : 'IPv4'}` : ''}`;
    if (!chosen) throw new EgressRefused('ENOTFOUND', host, `no ${what} address in the resolve map`);
    const target = splitHostPort(chosen);
    if (!familyMatches(target.address, wanted)) throw new EgressRefused('ENOTFOUND', host, `no ${what} address in the resolve map`);
    return permittedOrRefuse(host, target, policy);
  }
  if (isIP(host)) {
    if (!familyMatches(host, wanted)) throw new EgressRefused('ENOTFOUND', host, `the literal ${host} is not ${wanted}`);
    return permittedOrRefuse(host, { address: host, port }, policy);
  }
  if (policy.mode === 'loopback') {
    if (host === 'localhost') return { address: wanted === 'ipv6' ? '::1' : '127.0.0.1', port };
    throw new EgressRefused('ENOTFOUND', host, 'not in the resolve map (loopback egress never queries DNS)');
  }
  const answers = await lookup(host, { all: true, verbatim: true, family: wanted === 'ipv6' ? 6 : wanted === 'ipv4' ? 4 : 0 });
  const permitted = answers.find((a) => addressPermitted(a.address, policy));
  if (!permitted) {
    throw new EgressRefused('EGUARDED', host, `resolves only to guarded addresses (${answers.map((a) => a.address).join(', ')})`);
  }
  return { address: permitted.address, port };
}
