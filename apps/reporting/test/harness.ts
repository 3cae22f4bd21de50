import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EventContract, EventEnvelope, inspectionRequested, rectificationOverdue, roundPublished } from '@govinspect/contracts';
import { InProcessBus } from '@govinspect/messaging';
import { RunningService, startService } from '@govinspect/service-kit';
import { TestDatabase, createTestDatabase } from '@govinspect/testing';
import { z } from 'zod';
import { reportingService } from '../src';

const run = promisify(execFile);

export interface GqlResult<T = any> {
  data: T | null;
  errors?: Array<{ message: string; extensions: { code: string; field?: string; reason?: string } }>;
}

/** The real reporting service on a real PostgreSQL database, with an in-process bus the test publishes to. */
export class Harness {
  readonly produced: EventEnvelope<any>[] = [];
  private constructor(
    readonly db: TestDatabase,
    readonly bus: InProcessBus,
    readonly service: RunningService,
  ) {}

  static async start(label: string): Promise<Harness> {
    const db = await createTestDatabase(`rep_${label}`);
    const bus = new InProcessBus();
    const service = await startService(reportingService, { port: 0, bus, databaseUrl: db.url, outboxPollMs: 50, logLevels: ['error'] });
    const h = new Harness(db, bus, service);
    for (const c of [inspectionRequested, roundPublished, rectificationOverdue]) {
      await bus.subscribe({ groupId: `test.${c.topic}`, topics: [c.topic], handler: async (m) => void h.produced.push(JSON.parse(m.value!.toString())) });
    }
    return h;
  }

  get base(): string {
    return this.service.url.replace(/\/graphql$/, '');
  }

  async gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
    const res = await fetch(this.service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GqlResult<T>;
  }

  /** data, or a thrown error with the GraphQL messages. */
  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const r = await this.gql<T>(query, variables);
    if (r.errors?.length) throw new Error(r.errors.map((e) => e.message).join('; '));
    return r.data!;
  }

  async publish<S extends z.ZodTypeAny>(contract: EventContract<S>, key: string, payload: z.infer<S>): Promise<EventEnvelope<z.infer<S>>> {
    const env = contract.create(key, payload, 'test');
    await this.bus.publish([{ topic: contract.topic, key, value: JSON.stringify(env) }]);
    return env;
  }

  events<S extends z.ZodTypeAny>(contract: EventContract<S>): EventEnvelope<z.infer<S>>[] {
    return this.produced.filter((e) => e.type === contract.type);
  }

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    const ds = this.service.app.get(require('typeorm').DataSource);
    return ds.query(sql, params);
  }

  async download(path: string): Promise<{ status: number; body: Buffer; type: string | null }> {
    const res = await fetch(this.base + path);
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
  }

  async close() {
    await this.service.close();
    await this.bus.close();
    await this.db.drop();
  }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Convert a file with headless LibreOffice (its own throw-away profile) and return the text and whether a PDF came
 * out. docx → txt:Text gives the text; docx → pdf proves the file renders.
 */
export async function libreOffice(file: Buffer, ext: 'docx'): Promise<{ text: string; pdf: boolean; pdfBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rep-lo-'));
  try {
    const src = join(dir, `bulletin.${ext}`);
    writeFileSync(src, file);
    const profile = `-env:UserInstallation=file://${join(dir, 'profile')}`;
    const convert = (to: string) => run('libreoffice', [profile, '--headless', '--norestore', '--convert-to', to, '--outdir', dir, src], { timeout: 120_000 });
    await convert('pdf');
    let text = '';
    if (ext === 'docx') {
      await convert('txt:Text');
      text = readFileSync(join(dir, 'bulletin.txt'), 'utf8');
    }
    const pdfPath = join(dir, 'bulletin.pdf');
    const pdf = existsSync(pdfPath);
    return { text, pdf, pdfBytes: pdf ? readFileSync(pdfPath).length : 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
