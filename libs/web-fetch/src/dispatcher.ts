import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { EgressPolicy, resolveConnectTarget } from './egress';

export interface DispatcherOptions {
  policy: EgressPolicy;
  /** Connections per origin; politeness towards one site. */
  connectionsPerOrigin?: number;
  /** Accept self-signed certificates (simulated web only). */
  insecureTls?: boolean;
}

/**
 * An undici Agent whose every connection goes through the egress policy: the target is resolved and checked
 * before the socket opens, so a guarded address never sees a SYN.
 */
export function createDispatcher(opts: DispatcherOptions): Agent {
  const base = buildConnector({ rejectUnauthorized: !opts.insecureTls });
  return new Agent({
    connections: opts.connectionsPerOrigin ?? 4,
    connect: (options, callback) => {
      const defaultPort = options.protocol === 'https:' ? 443 : 80;
      const port = options.port ? Number(options.port) : defaultPort;
      resolveConnectTarget(options.hostname, port, options.protocol, opts.policy).then(
        (target) => {
          const servername = isIP(options.hostname.replace(/^\[|\]$/g, '')) ? undefined : options.hostname;
          base({ ...options, hostname: target.address, port: String(target.port), servername }, callback);
        },
        (err: Error) => callback(err, null),
      );
    },
  });
}
