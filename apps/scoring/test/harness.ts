import { randomUUID } from 'node:crypto';
import { EventContract, FindingInput, FindingType, findingsRecorded, inspectionRequested, siteRegistered } from '@govinspect/contracts';
import { consoleLogger, InProcessBus, MessageBus } from '@govinspect/messaging';
import { RunningService, startService } from '@govinspect/service-kit';
import { createTestDatabase, TestDatabase } from '@govinspect/testing';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { scoringService } from '../src';

export interface GqlResult<T = any> {
  data: T;
  errors?: { message: string; extensions: { code: string; classification?: string; field?: string; issues?: unknown[] } }[];
}

export interface Harness {
  service: RunningService;
  bus: MessageBus;
  db: TestDatabase;
  ds: DataSource;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Data of a query that must succeed. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  send<S extends z.ZodTypeAny>(contract: EventContract<S>, key: string, payload: z.input<S>): Promise<void>;
  close(): Promise<void>;
}

/** The scoring service on a fresh database with a bus of the caller's choice (in-process unless given). */
export async function startScoring(opts: { bus?: MessageBus; env?: Record<string, string> } = {}): Promise<Harness> {
  const db = await createTestDatabase('scoring');
  const bus = opts.bus ?? new InProcessBus({ logger: consoleLogger('scoring-test'), partitions: 1 });
  const service = await startService(scoringService, { port: 0, bus, databaseUrl: db.url, outboxPollMs: 50, logLevels: ['error'] });
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> => {
    const res = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GqlResult<T>;
  };
  return {
    service,
    bus,
    db,
    ds: service.app.get(DataSource),
    gql,
    ok: async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
      const r = await gql<T>(query, variables);
      if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
      return r.data;
    },
    send: async (contract, key, payload) => {
      const env = contract.create(key, payload as never, 'test');
      await bus.publish([{ topic: contract.topic, key, value: JSON.stringify(env) }]);
    },
    close: async () => {
      await service.close();
      if (!opts.bus) await bus.close();
      await db.drop();
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---- fixtures in the style of libs/scoring-engine/test/helpers.ts (the golden cases) ----

export const AS_OF = '2022-05-16T10:00:00+08:00';
export const PERIOD = { key: '2022-xianning-spot', kind: 'ad-hoc' as const, from: '2022-04-01T00:00:00+08:00', to: '2022-05-16T23:59:59+08:00' };
export const REGION = '421221'; // a county of 咸宁市 (421200)

let seq = 0;
export function finding(targetId: string, type: FindingType, crumb: string, attributes: Record<string, unknown> = {}, extra: Partial<FindingInput> = {}): FindingInput {
  seq += 1;
  return {
    id: extra.id ?? `f-${targetId.slice(0, 8)}-${String(seq).padStart(4, '0')}`,
    type,
    targetId,
    targetKind: 'site',
    asOf: '2022-05-15T09:00:00+08:00',
    location: { url: `http://www.example.gov.cn/${encodeURIComponent(crumb)}`, breadcrumb: crumb },
    evidence: { text: crumb, archiveId: `arc-${seq}` },
    attributes,
    source: 'machine',
    ...extra,
  } as FindingInput;
}

let siteSeq = 0;
export async function registerSite(h: Harness, kind: 'portal' | 'department', name: string, regionCode = REGION): Promise<string> {
  const siteId = randomUUID();
  siteSeq += 1;
  await h.send(siteRegistered, siteId, {
    siteId,
    name,
    url: `http://site${siteSeq}.example.gov.cn/`,
    siteCode: `42122${String(siteSeq).padStart(5, '0')}`,
    regionCode,
    kind,
    hostUnit: name,
  });
  return siteId;
}

export async function requestInspection(h: Harness, inspectionId: string, period: { key: string; kind: 'quarter' | 'month' | 'ad-hoc'; from: string; to: string } = PERIOD, asOf = AS_OF, ruleSetId = 'national-2019'): Promise<void> {
  await h.send(inspectionRequested, inspectionId, { inspectionId, reason: 'round', regionCode: REGION, includeSubRegions: true, asOf, period, ruleSetId });
}

export async function recordFindings(h: Harness, targetId: string, findings: FindingInput[], run: { runId?: string; asOf?: string; inspectionId?: string; batch?: { index: number; final: boolean } } = {}): Promise<string> {
  const runId = run.runId ?? `run-${randomUUID()}`;
  await h.send(findingsRecorded, targetId, {
    targetId,
    targetKind: 'site',
    asOf: run.asOf ?? AS_OF,
    runId,
    ...(run.inspectionId ? { inspectionId: run.inspectionId } : {}),
    ...(run.batch ? { batch: run.batch } : {}),
    findings,
  });
  return runId;
}

export const CARD = `query Card($t: String!, $p: String!, $v: Int) {
  scoreCard(targetId: $t, periodKey: $p, version: $v) {
    cardId version state targetId targetKind targetName targetClass regionCode group periodKey asOf inspectionId ruleSetId ruleSetVersion
    result resultLabel finalScore baseScore deductionTotal bonusTotal passMark bonusEligible createdBy changeReason publishedBy
    annex { problems score }
    vetoes { indicatorId reasons { clauseId label count } annex evidence { findingId label url archiveId evidenceUrl } }
    deductions { indicatorId count points total cap capped annex evidence { findingId label url archiveId evidenceUrl } }
    bonuses { indicatorId count total capped annex }
    excludedFindings unusedFindingIds
    versions { version state ruleSetId ruleSetVersion result finalScore createdBy changeReason publishedBy }
  }
}`;

/** Wait until the card exists and `accept` holds. */
export function cardWhen(h: Harness, targetId: string, periodKey: string, accept: (c: any) => boolean = () => true, version?: number) {
  return waitFor(`card of ${targetId}/${periodKey}`, async () => {
    const d = await h.ok(CARD, { t: targetId, p: periodKey, v: version ?? null });
    return d.scoreCard && accept(d.scoreCard) ? d.scoreCard : null;
  });
}
