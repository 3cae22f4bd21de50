// The inspection engine the jobs run: `inspectSite` (@govinspect/site-inspection) with a web-fetch `Fetcher` and,
// when an inspection asks for rendering, site-crawler's headless-Chromium `Renderer`.
import { Renderer } from '@govinspect/site-crawler';
import { EgressPolicy, Fetcher } from '@govinspect/web-fetch';
import type { InspectSiteResult } from '@govinspect/site-inspection';

export { inspectSite, type ColumnInventoryItem as InventoryColumn } from '@govinspect/site-inspection';

/** What a job records: the inspection's result, or a failure before any result (fields of InspectSiteResult). */
export type JobResult = Pick<InspectSiteResult, 'status' | 'error' | 'findings' | 'columns' | 'pagesFetched'>;

export interface FetcherSettings {
  policy: EgressPolicy;
  caCertPem?: string;
  insecureTls: boolean;
}

/** One Fetcher per worker: its politeness queues and robots cache span every job the worker runs. */
export function createInspectionFetcher(s: FetcherSettings): Fetcher {
  return new Fetcher({ policy: s.policy, caCertPem: s.caCertPem, insecureTls: s.insecureTls });
}

export interface InspectionRenderer {
  render: Renderer['render'];
  close(): Promise<void>;
}

/**
 * Headless Chromium for `options.render`: every browser request is answered through its own Fetcher, so the egress
 * guard and the resolve map apply to the browser too. One per job, closed after it.
 */
export async function launchInspectionRenderer(s: FetcherSettings): Promise<InspectionRenderer> {
  const fetcher = createInspectionFetcher(s);
  const renderer = await Renderer.launch({ fetcher, ignoreHTTPSErrors: s.insecureTls });
  return {
    render: (url, opts) => renderer.render(url, opts),
    async close() {
      await renderer.close().catch(() => undefined);
      await fetcher.close();
    },
  };
}
