// Reads, validates and resolves a scenario (YAML or JSON file, or an object) into the model.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { buildSite, ScenarioError } from '../model/build-site';
import type { AccountModel, ScenarioModel } from '../model/types';
import { hash32, rand } from '../util/hash';
import { shift } from '../util/time';
import { type AccountSpec, type ScenarioInput, scenarioSchema, type ScenarioSpec } from './schema';

export { ScenarioError };

export interface LoadOptions {
  /** Monitoring time point; overrides the scenario's own asOf. */
  asOf?: Date;
}

export function parseScenarioText(text: string, source = 'scenario'): unknown {
  try {
    return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: source });
  } catch (e) {
    throw new ScenarioError(`${source}: not valid YAML/JSON: ${(e as Error).message}`);
  }
}

export function validateScenario(input: unknown, source = 'scenario'): ScenarioSpec {
  const r = scenarioSchema.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 12).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ScenarioError(`${source}: invalid scenario\n${issues.join('\n')}`);
  }
  return r.data;
}

export function loadScenario(pathOrObject: string | ScenarioInput | ScenarioSpec, opts: LoadOptions = {}): ScenarioModel {
  const source = typeof pathOrObject === 'string' ? pathOrObject : 'scenario object';
  const raw = typeof pathOrObject === 'string' ? parseScenarioText(readText(pathOrObject), pathOrObject) : pathOrObject;
  const spec = validateScenario(raw, source);
  return resolveScenario(spec, opts, source);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(`cannot read scenario ${path}: ${(e as Error).message}`);
  }
}

export function resolveScenario(spec: ScenarioSpec, opts: LoadOptions, source = 'scenario'): ScenarioModel {
  const asOf = opts.asOf ?? new Date(spec.asOf);
  if (Number.isNaN(asOf.getTime())) throw new ScenarioError(`${source}: asOf is not a valid date`);
  const regionCodes = new Set(spec.regions.map((r) => r.code));
  const seen = { id: new Set<string>(), host: new Set<string>(), code: new Set<string>() };
  spec.sites.forEach((s) => {
    if (!regionCodes.has(s.region)) throw new ScenarioError(`${source}: site ${s.id}: region ${s.region} is not declared`);
    for (const [k, v] of [['id', s.id], ['host', s.host.toLowerCase()], ['code', s.siteCode]] as const) {
      if (seen[k].has(v)) throw new ScenarioError(`${source}: duplicate site ${k} "${v}"`);
      seen[k].add(v);
    }
  });
  const sites = spec.sites.map((s, i) => buildSite(s, i, asOf, spec.seed));
  // 友情链接: the portal of the region plus a few neighbours, stable by position
  sites.forEach((s, i) => {
    for (let k = 1; k <= Math.min(5, sites.length - 1); k++) {
      const p = sites[(i + k) % sites.length];
      s.peers.push({ href: `http://${p.host}/`, text: p.name });
    }
  });
  const accountSpecs = [...spec.accounts, ...expandGroups(spec)];
  const ids = new Set<string>();
  const accounts = accountSpecs.map((a, i): AccountModel => {
    if (ids.has(a.id)) throw new ScenarioError(`${source}: duplicate account id "${a.id}"`);
    ids.add(a.id);
    if (!regionCodes.has(a.region)) throw new ScenarioError(`${source}: account ${a.id}: region ${a.region} is not declared`);
    return {
      id: a.id,
      num: i,
      name: a.name,
      filedName: a.filing === 'name-mismatch' ? `${a.name.replace(/发布$/, '')}政务` : a.name,
      platform: a.platform,
      hostUnit: a.hostUnit,
      regionCode: a.region,
      state: a.state,
      posts: a.state === 'never-updated' ? 0 : a.posts,
      newestAt: shift(asOf, a.newest),
      intervalDays: a.interval,
      comments: a.comments,
      filing: a.filing,
      reposts: a.reposts,
      wordingError: a.wordingError,
      uid: String(1_000_000_000 + (hash32(spec.seed, 'uid', a.id) % 8_999_999_999)),
    };
  });
  return {
    name: spec.name,
    seed: spec.seed,
    asOf,
    regions: spec.regions,
    sites,
    accounts,
    assignedArticles: spec.assignedArticles.map((a) => ({ ...a, publishedAt: shift(asOf, a.published) })),
  };
}

/** Expands account groups over the scenario's units, deterministically from the seed. */
function expandGroups(spec: ScenarioSpec): AccountSpec[] {
  const units = spec.units.length ? spec.units : spec.sites.map((s) => ({ name: s.hostUnit, region: s.region, kind: 'department' as const }));
  if (!units.length && spec.accountGroups.length) throw new ScenarioError('accountGroups need units or sites to host the accounts');
  const out: AccountSpec[] = [];
  const used = new Set(spec.accounts.map((a) => `${a.platform}|${a.name}`));
  spec.accountGroups.forEach((g, gi) => {
    for (let i = 0; i < g.count; i++) {
      const k = [spec.seed, 'group', gi, i];
      const unit = units[hash32(...k, 'unit') % units.length];
      const platform = g.platforms[i % g.platforms.length];
      const r = rand(...k, 'state');
      const s = g.share;
      const state = r < s.neverUpdated ? 'never-updated' : r < s.neverUpdated + s.stopped ? 'stopped' : r < s.neverUpdated + s.stopped + s.stale ? 'stale' : 'active';
      const f = rand(...k, 'filing');
      const rp = rand(...k, 'repost');
      const shortUnit = unit.name.replace(/人民政府办公室$/, '').replace(/^(.{2,12}?)(人民政府)?/, '$1');
      const base = `${shortUnit}${['发布', '', '在线', '微讯'][hash32(...k, 'nm') % 4]}`;
      let name = base;
      for (let n = 2; used.has(`${platform}|${name}`); n++) name = `${base}${n}`;
      used.add(`${platform}|${name}`);
      out.push({
        id: `${g.prefix}-${gi}-${i}`,
        name,
        platform,
        hostUnit: unit.name,
        region: unit.region,
        state,
        posts: 10 + (hash32(...k, 'posts') % 90),
        newest: state === 'stale' || state === 'stopped' ? `${30 + (hash32(...k, 'age') % 200)}d` : `${hash32(...k, 'age') % 6}d`,
        interval: 1 + (hash32(...k, 'iv') % 4),
        comments: rand(...k, 'cm') < s.commentsClosed ? 'closed' : 'open',
        filing: f < s.unfiled ? 'unfiled' : f < s.unfiled + s.nameMismatch ? 'name-mismatch' : 'filed',
        reposts: rp < s.repostMissing ? 'missing' : rp < s.repostMissing + s.repostAltered ? 'altered' : 'correct',
        wordingError: false,
      });
    }
  });
  return out;
}
