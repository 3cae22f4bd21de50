import { ProbeFailure } from '@govinspect/contracts';
import { Dispatcher, request } from 'undici';
import { classifyError } from './failure-class';

export interface ProbeOutcome {
  ok: boolean;
  httpStatus: number | null;
  ms: number;
  failure: ProbeFailure | null;
  /** The error text, for the evidence of a failed probe. */
  detail: string | null;
}

export interface ProbeOptions {
  dispatcher: Dispatcher;
  /** A probe fails when no page arrives within this many ms, inclusive (rule-set data, W-V2). */
  timeoutMs: number;
  maxRedirects?: number;
  /** Bytes read before we stop counting the body: the page has arrived, we need not hold all of it. */
  maxBodyBytes?: number;
  now?: () => number;
}

/**
 * One availability probe of a homepage: the page counts as arrived only when status and the whole body (up to the
 * cap) are in before the limit. AbortSignal gives an exact limit (undici's own timers are coarse).
 */
export async function probe(url: string, opts: ProbeOptions): Promise<ProbeOutcome> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const elapsed = () => Math.round(now() - started);
  try {
    let target = url;
    let res: Dispatcher.ResponseData | undefined;
    for (let hop = 0; hop <= (opts.maxRedirects ?? 5); hop++) {
      res = await request(target, { dispatcher: opts.dispatcher, signal, method: 'GET', headers: { 'user-agent': 'govinspect-probe/0.1' } });
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && location) {
        await res.body.dump();
        target = new URL(String(location), target).toString();
        continue;
      }
      break;
    }
    if (!res) throw new Error('no response');
    let read = 0;
    for await (const chunk of res.body) {
      read += (chunk as Buffer).length;
      if (read >= (opts.maxBodyBytes ?? 5_000_000)) {
        res.body.destroy();
        break;
      }
    }
    const ms = elapsed();
    if (ms >= opts.timeoutMs) return { ok: false, httpStatus: res.statusCode, ms, failure: ProbeFailure.TIMEOUT, detail: 'page arrived at or after the limit' };
    if (res.statusCode >= 300) {
      return { ok: false, httpStatus: res.statusCode, ms, failure: ProbeFailure.HTTP_STATUS, detail: `HTTP ${res.statusCode}` };
    }
    return { ok: true, httpStatus: res.statusCode, ms, failure: null, detail: null };
  } catch (err) {
    return { ok: false, httpStatus: null, ms: elapsed(), failure: classifyError(err), detail: (err as Error).message ?? String(err) };
  }
}
