import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Agent, request } from 'undici';
import { CRAWL_CONFIG, CrawlConfig } from '../crawl-config';

/**
 * The canary of W-V2 probing: a request to our own loopback health endpoint. When it fails at the time a probe
 * failed, our network or process was down, so the probe says nothing about the site and is voided. It uses its own
 * dispatcher because the crawler's egress policy (rightly) refuses loopback in public mode.
 */
@Injectable()
export class SelfCheck implements OnApplicationShutdown {
  private readonly agent = new Agent({ connections: 2 });
  /** Our health URL, kept from the first check: if the server stops listening later, the check must fail, not vanish. */
  private url: string | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CRAWL_CONFIG) private readonly config: CrawlConfig,
  ) {}

  /** true/false, or null when there is no listening server to check (then no probe is voided for it). */
  async check(): Promise<boolean | null> {
    this.url ??= this.healthUrl();
    if (!this.url) return null;
    try {
      const res = await request(this.url, { dispatcher: this.agent, signal: AbortSignal.timeout(this.config.selfCheckMs) });
      await res.body.dump();
      return res.statusCode === 200;
    } catch {
      return false;
    }
  }

  private healthUrl(): string | null {
    const address = this.adapterHost.httpAdapter?.getHttpServer?.()?.address?.();
    if (!address || typeof address !== 'object') return null;
    const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}/health`;
  }

  async onApplicationShutdown() {
    await this.agent.close();
  }
}
