import robotsParser from 'robots-parser';
import { FetchResult } from './fetch-types';

type Robot = ReturnType<typeof robotsParser>;

/** Google reads at most 500 KiB of a robots.txt; the rest is ignored, so we need not fetch it. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
const ROBOTS_TTL_MS = 24 * 3600_000;
/** A robots.txt we could not get for a passing reason (timeout, 5xx, reset) is asked again soon, not in a day. */
const ROBOTS_RETRY_MS = 10 * 60_000;
/** Crawl-delay beyond this is not honoured: a site cannot stall an inspection for minutes per page. */
export const MAX_CRAWL_DELAY_MS = 10_000;

/**
 * robots.txt per origin, fetched once and shared by concurrent callers. A missing robots.txt (4xx), an erroring
 * one (5xx, network failure) or an unparsable one allows everything: the rule is what the site wrote, and a site
 * that wrote nothing readable has forbidden nothing.
 */
export class RobotsCache {
  private readonly entries = new Map<string, { until: number; robot: Promise<Robot | null> }>();

  constructor(private readonly load: (robotsUrl: string) => Promise<FetchResult>) {}

  async allows(url: string, userAgent: string): Promise<boolean> {
    const u = new URL(url);
    const robot = await this.robotFor(u.origin);
    return robot?.isAllowed(u.toString(), userAgent) ?? true;
  }

  /** Crawl-delay the site asks of this user agent, in ms, if any. */
  async crawlDelayMs(url: string, userAgent: string): Promise<number | null> {
    const robot = await this.robotFor(new URL(url).origin);
    const s = robot?.getCrawlDelay(userAgent);
    return typeof s === 'number' && Number.isFinite(s) && s > 0 ? Math.min(s * 1000, MAX_CRAWL_DELAY_MS) : null;
  }

  private robotFor(origin: string): Promise<Robot | null> {
    const hit = this.entries.get(origin);
    if (hit && performance.now() < hit.until) return hit.robot;
    const robotsUrl = `${origin}/robots.txt`;
    const entry = { until: performance.now() + ROBOTS_TTL_MS, robot: Promise.resolve<Robot | null>(null) };
    entry.robot = this.load(robotsUrl).then(
      (r) => {
        if (r.failureClass === 'transient') entry.until = performance.now() + ROBOTS_RETRY_MS;
        const ok = r.status !== null && r.status >= 200 && r.status < 300;
        return ok ? robotsParser(robotsUrl, r.text ?? r.body.toString('utf8')) : null;
      },
      () => {
        entry.until = performance.now() + ROBOTS_RETRY_MS;
        return null;
      },
    );
    this.entries.set(origin, entry);
    return entry.robot;
  }
}
