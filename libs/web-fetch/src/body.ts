import { Readable, Transform, TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { FetchError } from './fetch-types';

export interface BodyLimits {
  maxBytes: number;
  maxDecodedBytes: number;
}

export interface BodyOutcome {
  body: Buffer;
  /** We stopped reading at a cap (the failure says which). */
  truncated: boolean;
  /** Raw bytes read from the wire. */
  rawBytes: number;
  /** A cap hit, a decoding error or the stream's own error (reset, abort); null when the body arrived whole. */
  error: unknown;
}

/** "deflate" is zlib-wrapped by the RFC, but old servers send raw deflate: look at the first bytes to tell. */
class InflateAuto extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (!this.inner) {
      const zlibHeader = chunk.length >= 2 && (chunk[0] & 0x0f) === 8 && ((chunk[0] << 8) | chunk[1]) % 31 === 0;
      this.inner = zlibHeader ? zlib.createInflate() : zlib.createInflateRaw();
      this.inner.on('data', (d: Buffer) => this.push(d));
      this.inner.on('error', (e) => this.destroy(e));
    }
    this.inner.write(chunk, () => cb());
  }

  override _flush(cb: TransformCallback): void {
    if (!this.inner) return cb();
    this.inner.once('end', () => cb());
    this.inner.end();
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.inner?.destroy();
    cb(err);
  }
}

/** Decoders for a Content-Encoding list (applied in reverse order); null when it is identity or unknown. */
function decoders(contentEncoding: string | null | undefined): Transform[] | null {
  const codings = (contentEncoding ?? '').toLowerCase().split(',').map((s) => s.trim()).filter((s) => s && s !== 'identity');
  if (!codings.length) return null;
  const out: Transform[] = [];
  for (const c of codings.reverse()) {
    if (c === 'gzip' || c === 'x-gzip') out.push(zlib.createGunzip());
    else if (c === 'deflate') out.push(new InflateAuto());
    else if (c === 'br') out.push(zlib.createBrotliDecompress());
    else return null; // an unknown coding: keep the bytes as sent rather than guess
  }
  return out;
}

/**
 * Read a response body as a stream and stop at the caps: raw bytes from the wire (`too-large`) and bytes after
 * decompression (`decompression-bomb`). Stopping destroys the pipeline, so neither a 50 MB page nor a bomb is ever
 * held or inflated whole; what arrived before the cap is kept.
 */
export async function readCappedBody(stream: Readable, contentEncoding: string | null | undefined, limits: BodyLimits): Promise<BodyOutcome> {
  const chain = decoders(contentEncoding);
  const chunks: Buffer[] = [];
  let rawBytes = 0;
  let kept = 0;
  let truncated = false;

  const rawCounter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      rawBytes += chunk.length;
      if (rawBytes > limits.maxBytes) {
        truncated = true;
        const fits = chunk.length - (rawBytes - limits.maxBytes);
        if (fits > 0) this.push(chunk.subarray(0, fits));
        cb(new FetchError('too-large', `body exceeds ${limits.maxBytes} bytes on the wire`));
        return;
      }
      cb(null, chunk);
    },
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (kept + chunk.length > limits.maxDecodedBytes) {
        truncated = true;
        chunks.push(chunk.subarray(0, limits.maxDecodedBytes - kept));
        kept = limits.maxDecodedBytes;
        cb(
          chain
            ? new FetchError('decompression-bomb', `body inflates beyond ${limits.maxDecodedBytes} bytes (after ${rawBytes} bytes on the wire)`)
            : new FetchError('too-large', `body exceeds ${limits.maxDecodedBytes} bytes`),
        );
        return;
      }
      kept += chunk.length;
      chunks.push(chunk);
      cb();
    },
  });

  let error: unknown = null;
  try {
    await pipeline([stream, rawCounter, ...(chain ?? []), sink]);
  } catch (err) {
    error = err;
    // A gzip stream cut short at the end still shows in a browser; keep what inflated rather than fail the page.
    if ((err as { code?: string }).code === 'Z_BUF_ERROR') error = null;
  }
  // The raw cap's error can surface from a decoder flushing a cut-off stream; the cap is the real cause.
  if (truncated && rawBytes > limits.maxBytes && !(error instanceof FetchError)) {
    error = new FetchError('too-large', `body exceeds ${limits.maxBytes} bytes on the wire`);
  }
  return { body: Buffer.concat(chunks), truncated, rawBytes, error };
}
