/** The federated subgraphs, their default local ports, and the variable that overrides each URL. */
export const SUBGRAPHS = [
  { name: 'registry', port: 4001 },
  { name: 'crawl', port: 4002 },
  { name: 'scoring', port: 4003 },
  { name: 'interaction-test', port: 4004 },
  { name: 'reporting', port: 4005 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const urlVariable = (name: string) => `${name.toUpperCase().replace(/-/g, '_')}_URL`;

export function subgraphUrl(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const sg = SUBGRAPHS.find((s) => s.name === name);
  if (!sg) throw new Error(`unknown subgraph ${name}`);
  return env[urlVariable(name)] ?? `http://127.0.0.1:${sg.port}/graphql`;
}
