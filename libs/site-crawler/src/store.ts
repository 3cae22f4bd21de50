import type { CrawledPage, PageStore } from './types';

/** Pages kept in memory, keyed by normalised URL. Enough for resume within a process and for tests. */
export class MemoryPageStore implements PageStore {
  private readonly pages = new Map<string, CrawledPage>();

  async get(url: string): Promise<CrawledPage | null> {
    return this.pages.get(url) ?? null;
  }

  async put(page: CrawledPage): Promise<void> {
    this.pages.set(page.url, page);
  }

  get size(): number {
    return this.pages.size;
  }
}
