// `npm run inspect -- <page> --json | jq .`: the whole JSON reaches a slow reader. The CLI used to process.exit()
// right after writing, which dropped everything beyond the 64 KB pipe buffer the reader had not taken yet.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

jest.setTimeout(120_000);
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'tools/inspect/cli.js');

/** A homepage with `columns` column blocks of 10 dated links each: its --json output is far above 64 KB. */
function bigPage(columns: number): string {
  const blocks = Array.from({ length: columns }, (_, i) => {
    const items = Array.from({ length: 10 }, (_, j) => `<li><a href="/col${i}/art${j}.html">第${i}栏目第${j}条通知公告标题</a><span>2024-06-${String((j % 27) + 1).padStart(2, '0')}</span></li>`);
    return `<div class="column"><h2><a href="/col${i}/">栏目${i}</a></h2><ul>${items.join('')}</ul></div>`;
  });
  return `<html><head><meta charset="utf-8"><title>某市人民政府</title></head><body>${blocks.join('')}</body></html>`;
}

/**
 * Runs the CLI with stdout piped and reads nothing until the child has exited or 2 s have passed (a slow `jq`):
 * a CLI that exits without draining is gone by then, with its unwritten output lost.
 */
function runSlowReader(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.pause();
    const resume = () => child.stdout.resume();
    const timer = setTimeout(resume, 2000);
    child.on('exit', () => {
      clearTimeout(timer);
      resume();
    });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

describe('npm run inspect -- <saved page> --json piped to a slow reader', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inspect-pipe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the whole JSON (well over 64 KB) before exiting', async () => {
    const page = path.join(dir, 'big.html');
    writeFileSync(page, bigPage(200));
    const r = await runSlowReader([page, '--json', '--as-of', '2024-06-28T10:00:00+08:00']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(4 * 65_536);
    const out = JSON.parse(r.stdout);
    expect(out.columns).toHaveLength(200);
    expect(out.asOf).toBe('2024-06-28T02:00:00.000Z');
  });

  it('a usage error still exits 2 with its message on stderr', async () => {
    const r = await runSlowReader([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run inspect/);
  });
});
