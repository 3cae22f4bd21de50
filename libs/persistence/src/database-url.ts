/**
 * Which database a service uses. Each service owns its own database on the server named by DATABASE_URL
 * (`<DB_PREFIX>_<service>`), unless `<SERVICE>_DATABASE_URL` names one explicitly.
 */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function serviceDatabaseUrl(service: string, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[`${service.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`];
  if (explicit) return explicit;
  const server = new URL(env.DATABASE_URL || DEFAULT_DATABASE_URL);
  const prefix = env.DB_PREFIX || 'govinspect';
  server.pathname = `/${prefix}_${service.replace(/-/g, '_')}`;
  return server.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}
