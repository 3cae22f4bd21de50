'use strict';
// Runs a real single-node Apache Kafka (KRaft, broker+controller in one JVM) on loopback for dev and tests.
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const { fetchKafka, libDir } = require('./fetch');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// A timeout that never keeps the process alive on its own (stop() races it against the JVM's exit).
const timeoutAfter = (ms) => new Promise((r) => setTimeout(r, ms).unref());

/** A loopback port nobody listens on right now (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function serverProperties({ port, controllerPort, logDirs }) {
  return [
    '# Written by tools/kafka/kafka.js: single-node KRaft broker for dev and tests, loopback only.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDirs}`,
    'auto.create.topics.enable=true',
    'delete.topic.enable=true',
    'num.partitions=3',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    // Fewer internal partitions than the defaults (50): the first consumer group and start-up are much faster.
    'offsets.topic.num.partitions=5',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=5',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=24',
    '',
  ].join('\n');
}

function log4jProperties(file) {
  return [
    'log4j.rootLogger=WARN, file',
    'log4j.appender.file=org.apache.log4j.FileAppender',
    `log4j.appender.file.File=${file}`,
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    // One INFO line that says the broker is up, handy when reading the log after a failure.
    'log4j.logger.kafka.server.KafkaRaftServer=INFO',
    '',
  ].join('\n');
}

const javaBin = () => (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java');

function tail(file, n = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}

function runJava(args, logFile, timeoutMs) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const p = spawn(javaBin(), args, { stdio: ['ignore', out, out] });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => {
      clearTimeout(timer);
      fs.closeSync(out);
      reject(e);
    });
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${args.slice(-6).join(' ')} exited with ${code ?? signal}:\n${tail(logFile)}`));
    });
  });
}

// The JVM runs under a tiny sh wrapper whose stdin is a pipe from this process. When this process dies for any
// reason (even SIGKILL), the pipe closes and the wrapper kills the JVM: no orphan brokers.
const WRAPPER = `
exec 3<&0
"$KAFKA_JAVA" "$@" </dev/null >>"$KAFKA_LOG" 2>&1 &
j=$!
echo "pid $j"
( while read -r _; do :; done; kill -9 $j 2>/dev/null ) <&3 &
r=$!
exec 3<&-
wait $j 2>/dev/null
code=$?
kill $r 2>/dev/null
if [ -n "$KAFKA_TMP" ]; then rm -rf "$KAFKA_TMP"; fi
echo "exit $code"
`;

const live = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const b of live) b.killNow();
  });
}

async function waitReady(brokers, deadline, failed) {
  const { Kafka, logLevel } = require('kafkajs');
  for (;;) {
    const why = failed();
    if (why) throw new Error(why);
    const admin = new Kafka({
      clientId: 'kafka-tool-ready',
      brokers: [brokers],
      connectionTimeout: 1000,
      requestTimeout: 3000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    }).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return;
    } catch {
      // not up yet
    } finally {
      await admin.disconnect().catch(() => {});
    }
    if (Date.now() > deadline) throw new Error(`kafka on ${brokers} not ready in time`);
    await sleep(250);
  }
}

/**
 * Start a broker. Options:
 *  - port / controllerPort: fixed loopback ports (default: free ones). Restarting on the same port simulates an outage.
 *  - dataDir: keep data here across stop/start (not removed by stop); default a temp dir removed by stop().
 *  - useExisting (default true): if KAFKA_BROKERS is set, start nothing and return it.
 *  - heapMb (512), readyTimeoutMs (90000), quiet.
 * Returns { brokers, port, controllerPort, dataDir, pid, external, stop({ graceful }) }.
 */
async function start(opts = {}) {
  const { useExisting = true, heapMb = 512, readyTimeoutMs = 90_000, quiet = true } = opts;
  if (useExisting && process.env.KAFKA_BROKERS) {
    return { brokers: process.env.KAFKA_BROKERS, external: true, port: null, controllerPort: null, dataDir: null, pid: null, stop: async () => {} };
  }
  const started = Date.now();
  const lib = fetchKafka({ quiet });
  const port = opts.port ?? (await freePort());
  let controllerPort = opts.controllerPort ?? (await freePort());
  while (controllerPort === port) controllerPort = await freePort();
  const keep = Boolean(opts.dataDir);
  const dir = keep ? path.resolve(opts.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'govinspect-kafka-'));
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'server.log');
  const propsFile = path.join(dir, 'server.properties');
  const log4jFile = path.join(dir, 'log4j.properties');
  const logDirs = path.join(dir, 'data');
  fs.writeFileSync(propsFile, serverProperties({ port, controllerPort, logDirs }));
  fs.writeFileSync(log4jFile, log4jProperties(logFile));
  const cp = `${lib}/*`;
  const common = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${log4jFile}`];
  try {
    if (!fs.existsSync(path.join(logDirs, 'meta.properties'))) {
      const clusterId = crypto.randomBytes(16).toString('base64url');
      // `--cluster-id=<id>` in one argument: a base64url id can start with '-' (1 in 64), which the tool's argument
      // parser would take for an option.
      await runJava(['-Xmx256m', ...common, '-cp', cp, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', propsFile, '--ignore-formatted'], logFile, 60_000);
    }
  } catch (e) {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const javaArgs = [`-Xms128m`, `-Xmx${heapMb}m`, '-XX:+ExitOnOutOfMemoryError', ...common, `-Dkafka.logs.dir=${dir}`, '-cp', cp, 'kafka.Kafka', propsFile];
  const child = spawn('sh', ['-c', WRAPPER, 'kafka-wrapper', ...javaArgs], {
    env: { ...process.env, KAFKA_JAVA: javaBin(), KAFKA_LOG: logFile, KAFKA_TMP: keep ? '' : dir },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let pid = null;
  let exitLine = null;
  let exited = false;
  const exitPromise = new Promise((resolve) => child.on('exit', () => ((exited = true), resolve())));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    for (const line of chunk.split('\n')) {
      if (line.startsWith('pid ')) pid = Number(line.slice(4));
      if (line.startsWith('exit ')) exitLine = line;
    }
  });
  // Do not keep the event loop (a Jest worker, a CLI) alive just for the broker.
  child.unref();
  child.stdin.unref?.();
  child.stdout.unref?.();
  const brokers = `127.0.0.1:${port}`;
  let stopping = null;
  const handle = {
    brokers,
    port,
    controllerPort,
    dataDir: keep ? dir : null,
    external: false,
    get pid() {
      return pid;
    },
    logFile,
    /** Synchronous last resort (process exit): SIGKILL the JVM, drop temp data. */
    killNow() {
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    },
    /** Stop the JVM. graceful (default: true when dataDir is kept) lets Kafka flush and close its logs first. */
    stop({ graceful = keep } = {}) {
      if (stopping) return stopping;
      stopping = (async () => {
        live.delete(handle);
        child.ref(); // keep the process alive until the JVM is really gone

        if (graceful && pid && !exited) {
          try {
            process.kill(pid, 'SIGTERM');
          } catch {}
          await Promise.race([exitPromise, timeoutAfter(20_000)]);
        }
        child.stdin.destroy(); // wrapper sees EOF and SIGKILLs the JVM
        await Promise.race([exitPromise, timeoutAfter(10_000)]);
        if (!exited) handle.killNow();
        if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  live.add(handle);
  installExitHook();
  try {
    await waitReady(brokers, Date.now() + readyTimeoutMs, () =>
      exited ? `kafka exited during start-up (${exitLine || 'no exit code'}):\n${tail(logFile)}` : null,
    );
  } catch (e) {
    const log = tail(logFile);
    await handle.stop({ graceful: false });
    throw new Error(`${e.message}${e.message.includes(log) ? '' : `\n--- ${logFile} ---\n${log}`}`);
  }
  handle.startMs = Date.now() - started;
  return handle;
}

module.exports = { start, fetchKafka, freePort, libDir };
