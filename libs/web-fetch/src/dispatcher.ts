import { isIP, Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Agent, buildConnector, errors } from 'undici';
import { AddressFamily, EgressPolicy, resolveConnectTarget } from './egress';

export interface DispatcherOptions {
  policy: EgressPolicy;
  /** Connections per origin; politeness towards one site. */
  connectionsPerOrigin?: number;
  /** Accept self-signed certificates (simulated web only). */
  insecureTls?: boolean;
  /** An extra trusted CA (simweb's throw-away CA), trusted in addition to the public roots. */
  caCertPem?: string;
  /** Force one address family for every connection of this dispatcher. */
  family?: AddressFamily;
  /** TCP (+TLS) connect limit, timed here with a plain timer (undici's connect timer is coarse). */
  connectMs?: number;
  /** Told the address of every socket opened, keyed by origin (`http://host:port`), for `remoteAddress`. */
  onConnected?: (origin: string, address: string) => void;
}

/**
 * An undici Agent whose every connection goes through the egress policy: the target is resolved and checked
 * before the socket opens, so a guarded address never sees a SYN. Redirects are followed by the caller hop by hop
 * through the same Agent, so every hop passes this check too.
 */
export function createDispatcher(opts: DispatcherOptions): Agent {
  const base = buildConnector({
    rejectUnauthorized: !opts.insecureTls,
    // With connectMs we time the connect ourselves; undici's own timer would fire late and with its own 10 s default.
    ...(opts.connectMs ? { timeout: 0 } : {}),
    ...(opts.caCertPem ? { ca: [...rootCertificates, opts.caCertPem] } : {}),
  });
  return new Agent({
    connections: opts.connectionsPerOrigin ?? 4,
    connect: (options, callback) => {
      const defaultPort = options.protocol === 'https:' ? 443 : 80;
      const port = options.port ? Number(options.port) : defaultPort;
      let done = false;
      let socket: Socket | null = null;
      const finish = (err: Error | null, s: Socket | null) => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        callback(err as Error, s as never);
      };
      const timer = opts.connectMs
        ? setTimeout(() => {
            socket?.destroy();
            finish(new errors.ConnectTimeoutError(`connect to ${options.hostname}:${port} exceeded ${opts.connectMs} ms`), null);
          }, opts.connectMs)
        : null;
      resolveConnectTarget(options.hostname, port, options.protocol, opts.policy, opts.family).then(
        (target) => {
          if (done) return;
          const servername = isIP(options.hostname.replace(/^\[|\]$/g, '')) ? undefined : options.hostname;
          socket = base({ ...options, hostname: target.address, port: String(target.port), servername }, (err, s) => {
            if (!err) opts.onConnected?.(`${options.protocol}//${options.hostname}:${port}`, target.address);
            finish(err, s as Socket | null);
          }) as unknown as Socket;
        },
        (err: Error) => finish(err, null),
      );
    },
  });
}
