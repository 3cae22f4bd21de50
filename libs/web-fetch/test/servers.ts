// Hostile and friendly servers on loopback for the fetcher tests (port 0; never anything outside loopback).
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, createServer as createTcpServer, Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  host: string;
  port: number;
  /** `http://host:port` (IPv6 in brackets). */
  origin: string;
  connections: () => number;
  /** Requests seen, by path. */
  requests: string[];
  close: () => Promise<void>;
}

function wrap(server: Server, host: string, requests: string[]): Promise<TestServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (s: Socket) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) =>
    server.listen(0, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        host,
        port,
        origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        connections: () => connections,
        requests,
        close: async () => {
          for (const s of sockets) s.destroy();
          await new Promise((r) => server.close(r));
        },
      });
    }),
  );
}

/** An HTTP server; every request path is recorded before the handler runs. */
export function serveHttp(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  return wrap(server, host, requests);
}

/** A raw TCP server: for servers that speak garbage, never answer, or reset. */
export function serveTcp(onSocket: (s: Socket) => void, host = '127.0.0.1'): Promise<TestServer> {
  return wrap(createTcpServer(onSocket) as unknown as Server, host, []);
}
