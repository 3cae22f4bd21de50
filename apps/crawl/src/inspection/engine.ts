// The inspection engine the jobs run: `inspectSite` from @govinspect/site-inspection and a fetcher for it. Both
// libraries were being built while this service was wired, so they are looked up by name and typed here against
// the agreed signature; a missing export is a classified error at job time, not a crash at start.
import { Renderer, type RenderOutput } from '@govinspect/site-crawler';
import * as siteInspection from '@govinspect/site-inspection';
import * as webFetch from '@govinspect/web-fetch';
import type { Finding } from '@govinspect/contracts';
import type { RuleSet } from '@govinspect/rule-sets';
import type { EgressPolicy } from '@govinspect/web-fetch';

export interface InspectedSite {
  id: string;
  name: string;
  url: string;
  siteCode: string;
  kind: 'portal' | 'department';
  regionCode: string;
}

export interface ColumnCorrectionInput {
  url: string;
  columnClass?: string;
  level?: 1 | 2;
  name?: string;
}

export interface InventoryColumn {
  url: string;
  name: string;
  breadcrumb?: string | null;
  columnClass: string;
  level?: number | null;
  classifiedBy?: string;
  lastUpdated?: string | null;
  itemCount?: number | null;
  [k: string]: unknown;
}

export interface InspectSiteInput {
  runId: string;
  site: InspectedSite;
  asOf: string;
  ruleSet: RuleSet;
  fetcher: unknown;
  crawl?: Record<string, unknown>;
  renderer?: unknown;
  archive?: unknown;
  store?: unknown;
  registry?: { registeredHosts: string[]; closedHosts: string[] };
  corrections?: ColumnCorrectionInput[];
  onFindings?: (findings: Finding[]) => void | Promise<void>;
}

export interface InspectSiteResult {
  status: 'completed' | 'partial' | 'failed';
  error?: string;
  findings: Finding[];
  columns: InventoryColumn[];
  footer?: unknown;
  pagesFetched: number;
}

export type InspectSiteFn = (input: InspectSiteInput) => Promise<InspectSiteResult>;

export class EngineUnavailable extends Error {
  readonly classification = 'engine-unavailable';
  constructor(what: string) {
    super(`${what} is not available (library not built yet?)`);
    this.name = 'EngineUnavailable';
  }
}

export function inspectSiteFn(): InspectSiteFn {
  const fn = (siteInspection as Record<string, unknown>).inspectSite;
  if (typeof fn !== 'function') throw new EngineUnavailable('@govinspect/site-inspection inspectSite');
  return fn as InspectSiteFn;
}

export interface FetcherSettings {
  policy: EgressPolicy;
  caCertPem?: string;
  insecureTls: boolean;
}

export interface ClosableFetcher {
  close?(): Promise<void>;
}

/**
 * The fetcher inspectSite is built against: the site-inspection library's own (its Fetcher interface) while it
 * ships one, else web-fetch's `Fetcher`.
 */
export function createInspectionFetcher(s: FetcherSettings): ClosableFetcher {
  const si = siteInspection as Record<string, unknown>;
  if (typeof si.createLocalFetcher === 'function') return (si.createLocalFetcher as (o: unknown) => ClosableFetcher)({ policy: s.policy, caCertPem: s.caCertPem });
  const wf = webFetch as Record<string, unknown>;
  if (typeof wf.Fetcher === 'function') return new (wf.Fetcher as new (o: unknown) => ClosableFetcher)({ policy: s.policy, caCertPem: s.caCertPem, insecureTls: s.insecureTls });
  throw new EngineUnavailable('a Fetcher (@govinspect/web-fetch)');
}

export interface InspectionRenderer {
  render(url: string, opts?: { screenshot?: boolean; axe?: boolean }): Promise<RenderOutput>;
  close(): Promise<void>;
}

/**
 * Headless Chromium for `options.render`: site-crawler's Renderer (every browser request answered through a web-fetch
 * Fetcher, so the egress guard applies), adapted to the shape inspectSite takes. One per job, closed after it.
 */
export async function launchInspectionRenderer(s: FetcherSettings): Promise<InspectionRenderer> {
  const fetcher = new webFetch.Fetcher({ policy: s.policy, caCertPem: s.caCertPem, insecureTls: s.insecureTls });
  const renderer = await Renderer.launch({ fetcher: fetcher as never, ignoreHTTPSErrors: s.insecureTls });
  return {
    async render(url, opts) {
      return renderer.render(url, opts ?? {});
    },
    async close() {
      await renderer.close().catch(() => undefined);
      await fetcher.close();
    },
  };
}
