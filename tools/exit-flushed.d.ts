/** Sets process.exitCode, waits until stdout and stderr have drained, then exits with `code`. */
export function exitFlushed(code: number): void;
