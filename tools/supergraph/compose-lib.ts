import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { BreakingChange, GraphQLSchema, findBreakingChanges } from 'graphql';
import { graphql } from '../platform/platform';

export const ROOT = join(__dirname, '..', '..');
export const SUPERGRAPH_FILE = join(ROOT, 'apps', 'gateway', 'supergraph.graphql');
export const subgraphSdlFile = (name: string) => join(ROOT, 'apps', name, 'schema.graphql');

export interface SubgraphSdl {
  name: string;
  /** The URL written into the supergraph: the standard local one; deployments override it per subgraph. */
  url: string;
  sdl: string;
}

export interface CompositionCheck {
  supergraphSdl?: string;
  errors: string[];
  breaking: string[];
}

export function compose(subgraphs: SubgraphSdl[]): { supergraphSdl?: string; errors: string[] } {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parseSdl(s.sdl) })));
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl, errors: [] };
}

function parseSdl(sdl: string) {
  // Local require keeps graphql's parse from the same copy @apollo/composition uses.
  return require('graphql').parse(sdl);
}

export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * Composition must succeed, and the client-facing API must not break against the committed supergraph
 * (removed fields, changed types, new required arguments...): dashboards and provincial platforms query it.
 */
export function checkComposition(subgraphs: SubgraphSdl[], committedSupergraphSdl: string | null): CompositionCheck {
  const { supergraphSdl, errors } = compose(subgraphs);
  if (!supergraphSdl) return { errors, breaking: [] };
  const breaking: BreakingChange[] = committedSupergraphSdl
    ? findBreakingChanges(apiSchema(committedSupergraphSdl), apiSchema(supergraphSdl))
    : [];
  return { supergraphSdl, errors: [], breaking: breaking.map((b) => `${b.type}: ${b.description}`) };
}

/** Ask a running subgraph for its SDL (federation's `_service` field). */
export async function fetchSdl(url: string): Promise<string> {
  const data = await graphql<{ _service: { sdl: string } }>(url, '{ _service { sdl } }');
  return data._service.sdl;
}
