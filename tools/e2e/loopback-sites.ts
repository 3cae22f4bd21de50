import { AddressInfo, Server, Socket } from 'node:net';
import { createServer } from 'node:http';

export interface LoopbackSites {
  healthy: string;
  failing: string;
  hanging: string;
  close(): Promise<void>;
}

/**
 * Three homepages on loopback: one healthy, one answering 500, one that accepts the connection and never answers.
 */
export async function startLoopbackSites(): Promise<LoopbackSites> {
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  const listen = async (handler: Parameters<typeof createServer>[1] | null): Promise<string> => {
    const server = handler ? createServer(handler) : new Server(); // raw TCP server: accepts, never writes
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  };
  const healthy = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>云溪市人民政府</title></head><body>首页</body></html>');
  });
  const failing = await listen((_req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('Internal Server Error');
  });
  const hanging = await listen(null);
  return {
    healthy,
    failing,
    hanging,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}
