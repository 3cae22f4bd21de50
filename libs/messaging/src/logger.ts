/** The few log calls the messaging layer makes; services pass their own logger, tests pass `silentLogger`. */
export interface BusLogger {
  debug?(message: string, meta?: Record<string, unknown>): void;
  info?(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export const silentLogger: BusLogger = { warn: () => {}, error: () => {} };

export function consoleLogger(prefix = 'messaging'): BusLogger {
  const fmt = (m: string, meta?: Record<string, unknown>) => `[${prefix}] ${m}${meta ? ' ' + JSON.stringify(meta) : ''}`;
  return {
    info: (m, meta) => console.info(fmt(m, meta)),
    warn: (m, meta) => console.warn(fmt(m, meta)),
    error: (m, meta) => console.error(fmt(m, meta)),
  };
}
