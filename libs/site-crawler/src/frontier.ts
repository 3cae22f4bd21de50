export interface FrontierItem {
  url: string;
  depth: number;
  foundOn: string | null;
  priority: number;
  seq: number;
}

const before = (a: FrontierItem, b: FrontierItem) =>
  a.priority !== b.priority ? a.priority < b.priority : a.depth !== b.depth ? a.depth < b.depth : a.seq < b.seq;

/** URLs waiting to be fetched: lowest priority first, then breadth-first (depth), then discovery order. */
export class Frontier {
  private readonly heap: FrontierItem[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(item: Omit<FrontierItem, 'seq'>): void {
    const h = this.heap;
    h.push({ ...item, seq: this.seq++ });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  pop(): FrontierItem | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
