#!/usr/bin/env node
'use strict';
// `npm test`: start a real Kafka broker (unless KAFKA_BROKERS is set), run STEPS in order, stop Kafka, summarise.
// Extra CLI arguments go to the steps marked passArgs (Jest), e.g. `npm test -- libs/messaging`.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { exitFlushed } = require('../exit-flushed');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The steps, in order. Each: { name, cmd, args, passArgs? }. Every step runs even if an earlier one failed, so one
 * run shows every problem; the exit code is non-zero if any failed. Add lint, supergraph checks etc. here.
 */
const JEST_RESULTS = path.join(ROOT, '.cache', 'jest-results.json');

const STEPS = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '-p', 'tools/tsconfig.typecheck.json', '--noEmit'] },
  { name: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'] },
  // --forceExit: a test that leaks a handle must not hang CI for 90 minutes; the leak still shows in the log.
  {
    name: 'jest',
    cmd: 'npx',
    args: ['jest', '--ci', '--forceExit', '--json', '--outputFile', JEST_RESULTS],
    passArgs: true,
  },
];

/** The test counts of the last Jest run, for the closing line CI reads. */
function jestCounts() {
  try {
    const r = JSON.parse(require('node:fs').readFileSync(JEST_RESULTS, 'utf8'));
    return { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites, skipped: r.numPendingTests + r.numTodoTests };
  } catch {
    return null;
  }
}

let current = null; // the running step's child process

function runStep(step, extraArgs, env) {
  const args = step.passArgs ? [...step.args, ...extraArgs] : step.args;
  console.log(`\n▶ ${step.name}: ${step.cmd} ${args.join(' ')}`);
  const started = Date.now();
  return new Promise((resolve) => {
    // Own process group, so a signal can stop the whole step (npx → npm → jest/tsc), not just npx.
    current = spawn(step.cmd, args, { cwd: ROOT, env, stdio: 'inherit', detached: true });
    current.on('error', (e) => {
      console.error(`${step.name}: could not start ${step.cmd}: ${e.message}`);
    });
    current.on('close', (code, signal) => {
      current = null;
      const ok = code === 0;
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${ok ? '✔' : '✘'} ${step.name} ${ok ? 'passed' : `failed (${signal || `exit ${code}`})`} in ${secs} s`);
      resolve(ok);
    });
  });
}

async function main(extraArgs, steps = STEPS) {
  const env = { ...process.env };
  const results = [];
  let kafka = null;
  let stopping = false;
  const stopKafka = async () => {
    const k = kafka;
    kafka = null;
    if (k) await k.stop().catch((e) => console.error(`kafka stop: ${e.message}`));
  };
  const onSignal = (sig) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${sig}: stopping`);
    if (current) {
      try {
        process.kill(-current.pid, sig);
      } catch {
        current.kill(sig);
      }
    }
    stopKafka().finally(() => exitFlushed(sig === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  require('node:fs').rmSync(JEST_RESULTS, { force: true });
  try {
    const missing = require('../system/ensure').ensureSystemPackages();
    results.push({ name: 'system packages', ok: missing.length === 0 });
    if (!env.KAFKA_BROKERS) {
      const t = Date.now();
      try {
        const { start } = require('../kafka/kafka');
        kafka = await start({ useExisting: false, quiet: false });
        env.KAFKA_BROKERS = kafka.brokers;
        console.log(`kafka: ${kafka.brokers} ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
        results.push({ name: 'kafka', ok: true });
      } catch (e) {
        // Still run the steps: the type check and the tests that need no broker tell the reader more.
        console.error(`kafka: could not start a broker: ${e.message}`);
        results.push({ name: 'kafka', ok: false });
      }
    } else {
      console.log(`kafka: using KAFKA_BROKERS=${env.KAFKA_BROKERS}`);
    }
    for (const step of steps) {
      if (stopping) break;
      results.push({ name: step.name, ok: await runStep(step, extraArgs, env) });
    }
  } finally {
    await stopKafka();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  const failedNames = results.filter((r) => !r.ok).map((r) => r.name);
  if (failedNames.length) console.log(`\nfailed steps: ${failedNames.join(', ')}`);
  console.log(`\nsteps: ${passed} passed, ${failed} failed`);
  const tests = jestCounts();
  if (tests) console.log(`tests: ${tests.passed} passed, ${tests.failed} failed, ${tests.skipped} skipped`);
  return failed === 0 ? 0 : 1;
}

module.exports = { STEPS, main };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => exitFlushed(code),
    (e) => {
      console.error(e);
      exitFlushed(1);
    },
  );
}
