#!/usr/bin/env node
// `npm run registry -- import <file> [--dry-run] [--valid-rows-only] [--by NAME] [--json]`: sends a filing-system
// export (.xlsx/.xls) to the registry service (REGISTRY_URL, default http://127.0.0.1:4001/graphql) and prints the diff.
const { readFileSync } = require('node:fs');
const { basename } = require('node:path');
const { parseArgs } = require('node:util');

const USAGE = `usage: npm run registry -- import <file.xlsx|file.xls> [--dry-run] [--valid-rows-only] [--by NAME] [--json]
  --dry-run          show what the import would change, change nothing
  --valid-rows-only  apply the valid rows of a file that has row errors (otherwise such a file applies nothing)
  --by               operator recorded in the history (default: $USER)
  REGISTRY_URL       registry GraphQL endpoint (default http://127.0.0.1:4001/graphql)`;

const IMPORT = `mutation($f: String!, $n: String!, $d: Boolean, $v: Boolean) {
  importFiling(fileBase64: $f, fileName: $n, dryRun: $d, validRowsOnly: $v) {
    kind fileName fileHash unchanged applied importId
    created { key name } absent { key name }
    changed { key name changes { field before after } }
    errors { rowNumber column code reason }
  }
}`;

/** Writes and waits until stdout has taken it, so piped output is complete when the process exits. */
function out(text) {
  return new Promise((resolve) => process.stdout.write(text + '\n', resolve));
}

function render(r) {
  const lines = [];
  const kind = r.kind === 'sites' ? '网站' : '政务新媒体';
  lines.push(`${r.fileName}  (${kind}, sha256 ${r.fileHash.slice(0, 12)})  ${r.applied ? `已导入 import ${r.importId}` : '未写入 (dry run or refused)'}`);
  lines.push(`新增 ${r.created.length}  变更 ${r.changed.length}  未变 ${r.unchanged}  登记中但文件中没有 ${r.absent.length}  错误行 ${r.errors.length}`);
  for (const c of r.created) lines.push(`  + ${c.key}  ${c.name}`);
  for (const c of r.changed) {
    lines.push(`  ~ ${c.key}  ${c.name}`);
    for (const ch of c.changes) lines.push(`      ${ch.field}: ${ch.before ?? '∅'} → ${ch.after ?? '∅'}`);
  }
  for (const c of r.absent) lines.push(`  ? ${c.key}  ${c.name}  (文件中没有，未删除)`);
  for (const e of r.errors) lines.push(`  ! 第${e.rowNumber}行 ${e.column}  ${e.reason}  [${e.code}]`);
  if (!r.applied && r.errors.length) lines.push('文件有错误行，未导入任何数据；修正后重新导入，或加 --valid-rows-only 只导入有效行。');
  return lines.join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, 'valid-rows-only': { type: 'boolean' }, by: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return out(USAGE).then(() => 0);
  const [cmd, file, ...rest] = positionals;
  if (cmd !== 'import' || !file || rest.length) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  let buf;
  try {
    buf = readFileSync(file);
  } catch (e) {
    process.stderr.write(`无法读取文件 ${file}: ${e.message}\n`);
    return 1;
  }
  const url = process.env.REGISTRY_URL || 'http://127.0.0.1:4001/graphql';
  const by = values.by || process.env.USER || 'cli';
  let body;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-operator': encodeURIComponent(by) },
      body: JSON.stringify({ query: IMPORT, variables: { f: buf.toString('base64'), n: basename(file), d: !!values['dry-run'], v: !!values['valid-rows-only'] } }),
    });
    body = await res.json();
  } catch (e) {
    process.stderr.write(`无法连接登记服务 ${url}: ${e.message}\n`);
    return 1;
  }
  if (body.errors && body.errors.length) {
    for (const e of body.errors) process.stderr.write(`${e.message} [${e.extensions?.classification ?? e.extensions?.code ?? 'error'}]\n`);
    return 1;
  }
  const r = body.data.importFiling;
  await out(values.json ? JSON.stringify(r, null, 2) : render(r));
  return !r.applied && r.errors.length && !values['dry-run'] ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`${e.stack || e}\n`);
    process.exitCode = 1;
  },
);
