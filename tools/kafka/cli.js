#!/usr/bin/env node
'use strict';
// npm run kafka -- fetch | start [--port N]
const { start } = require('./kafka');
const { fetchKafka, libDir, KAFKA_VERSION } = require('./fetch');
const { exitFlushed } = require('../exit-flushed');

const USAGE = 'usage: npm run kafka -- fetch | start [--port N]';

async function main(argv) {
  const [cmd, ...rest] = argv;
  if (cmd === 'fetch') {
    const t = Date.now();
    fetchKafka({ quiet: false });
    console.log(`kafka ${KAFKA_VERSION} jars in ${libDir()} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return;
  }
  if (cmd === 'start') {
    const i = rest.indexOf('--port');
    const port = i >= 0 ? Number(rest[i + 1]) : undefined;
    if (i >= 0 && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`--port needs a port number, got ${rest[i + 1]}`);
    const t = Date.now();
    const k = await start({ port, useExisting: false, quiet: false });
    console.log(`KAFKA_BROKERS=${k.brokers}`);
    console.error(`kafka ready in ${((Date.now() - t) / 1000).toFixed(1)} s (log: ${k.logFile}); Ctrl-C to stop`);
    const keepAlive = setInterval(() => {}, 1 << 30);
    const shutdown = async () => {
      clearInterval(keepAlive);
      await k.stop();
      exitFlushed(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e.message);
  exitFlushed(1);
});
