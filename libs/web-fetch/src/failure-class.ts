import { ProbeFailure } from '@govinspect/contracts';
import { FailureClass, FetchError, FetchFailure } from './fetch-types';

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_NOT_YET_VALID', 'EPROTO',
]);

/** Maps a network error (undici, node:net, our egress guard) to the probe failure class it reports. */
export function classifyError(err: unknown): ProbeFailure {
  let e = err as { code?: string; name?: string; cause?: unknown } | undefined;
  // undici wraps the socket error as `cause`; the innermost coded error is the informative one.
  while (e && !e.code && e.cause) e = e.cause as typeof e;
  const code = e?.code ?? '';
  const name = e?.name ?? '';
  if (name === 'TimeoutError' || name === 'AbortError') return ProbeFailure.TIMEOUT;
  if (code === 'EGUARDED') return ProbeFailure.GUARDED;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return ProbeFailure.DNS;
  if (code === 'ECONNREFUSED') return ProbeFailure.REFUSED;
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED') return ProbeFailure.RESET;
  if (code.startsWith('UND_ERR_') && code.includes('TIMEOUT')) return ProbeFailure.TIMEOUT;
  if (code === 'ETIMEDOUT') return ProbeFailure.TIMEOUT;
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || TLS_CODES.has(code)) return ProbeFailure.TLS;
  return ProbeFailure.OTHER;
}

/** Statuses worth another try: the server says "later", not "never". */
const TRANSIENT_STATUS = new Set([408, 425, 429]);

/**
 * Permanent failures are not retried: the answer will be the same (DNS, TLS, guard, 4xx, limits, redirect loops).
 * Transient ones are retried with backoff: reset, timeout, refused, 5xx (and 408/425/429).
 */
export function failureClassOf(failure: FetchFailure, status: number | null): FailureClass {
  switch (failure) {
    case 'reset':
    case 'timeout':
    case 'refused':
      return 'transient';
    case 'http-status':
      return status !== null && (status >= 500 || TRANSIENT_STATUS.has(status)) ? 'transient' : 'permanent';
    default:
      return 'permanent';
  }
}

/** Any error met while fetching → its fetch failure. Our own `FetchError`s say what they are. */
export function classifyFetchError(err: unknown): FetchFailure {
  if (err instanceof FetchError) return err.failure;
  return classifyError(err);
}
