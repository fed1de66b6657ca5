/** The unit-test setup refuses the network (tests/unit/setup/no-network.ts). */
import net from 'node:net';
import { expect, test } from 'vitest';

test('fetch to a remote host is refused', async () => {
  await expect(fetch('https://example.com/')).rejects.toThrow(/must not use the network/);
});

test('a socket to a remote host is refused', () => {
  expect(() => net.connect(443, 'example.com')).toThrow(/must not use the network/);
  expect(() => net.connect({ host: '192.0.2.1', port: 80 })).toThrow(/must not use the network/);
});
