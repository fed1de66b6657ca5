/**
 * Unit tests never use the network (STYLE.md). Any attempt to reach a host other than the loopback
 * interface throws, so a test that silently depended on the internet fails here instead of on an
 * offline machine.
 */
import net from 'node:net';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function refuse(target: string): never {
  throw new Error(`Unit tests must not use the network (attempted to reach ${target}).`);
}

function isLoopbackUrl(input: unknown): boolean {
  const text = input instanceof Request ? input.url : String(input);
  try {
    const url = new URL(text);
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'file:') return true;
    return LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    // A relative URL has no host to reach.
    return true;
  }
}

const originalFetch = globalThis.fetch;
globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
  if (!isLoopbackUrl(input instanceof URL ? input.href : input)) {
    return Promise.reject(new Error(`Unit tests must not use the network (fetch ${String(input)}).`));
  }
  return originalFetch(input, init);
}) as typeof fetch;

type ConnectArguments = Parameters<net.Socket['connect']>;
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(this: net.Socket, ...args: ConnectArguments) {
  const [given, second] = args as unknown[];
  // net.connect() passes its normalised arguments as one array: [options, callback].
  const first: unknown = Array.isArray(given) ? given[0] : given;
  // Unix sockets and pipes (connect({ path }) or connect('/path')) are local by definition.
  if (typeof first === 'object' && first !== null) {
    const options = first as { path?: string; host?: string };
    if (options.path === undefined && !LOOPBACK_HOSTS.has(options.host ?? 'localhost')) {
      refuse(`${options.host}`);
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const host = typeof second === 'string' ? second : 'localhost';
    if (!LOOPBACK_HOSTS.has(host)) refuse(`${host}:${String(first)}`);
  }
  return originalConnect.apply(this, args);
} as net.Socket['connect'];
