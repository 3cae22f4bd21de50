import './no-phone-home';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { subgraphUrl } from './subgraphs';

export const SUPERGRAPH_PATH = join(__dirname, '..', 'supergraph.graphql');

export interface GatewayOptions {
  port: number;
  host?: string;
  /** Subgraph URL per name; defaults come from <NAME>_URL variables or the standard local ports. */
  urls?: Record<string, string>;
  supergraphSdl?: string;
}

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/**
 * The gateway serves the supergraph composed at build time (tools/supergraph), so it starts whatever order the
 * subgraphs come up in; only the subgraph URLs are resolved at run time.
 */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => new RemoteGraphQLDataSource({ url: opts.urls?.[name] ?? subgraphUrl(name) }),
  });
  const server = new ApolloServer({
    gateway,
    plugins: [ApolloServerPluginUsageReportingDisabled()],
    introspection: true,
  });
  // The standalone server answers on every path; /graphql is the one we document.
  const { url } = await startStandaloneServer(server, { listen: { port: opts.port, host: opts.host ?? '127.0.0.1' } });
  return { url: new URL('/graphql', url).toString(), close: () => server.stop() };
}
