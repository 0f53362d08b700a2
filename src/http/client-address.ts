import { isIP } from 'node:net';

/**
 * The caller's address for throttles and logs. With `trustedHops` = 0 it is the socket's peer and
 * `X-Forwarded-For` is ignored (anyone can send it). With N, the socket's peer is the nearest of N
 * proxies, each of which appends the address it was called from: the client is the Nth address from
 * the right (or the leftmost, when the chain is shorter). Anything there that is not an IP address
 * was not written by a proxy of ours, and the socket's peer is used instead.
 */
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | null, trustedHops: number): string {
  const peer = socketAddress ?? 'unknown';
  if (trustedHops === 0 || !forwardedFor) return peer;
  const chain = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (chain.length === 0) return peer;
  const candidate = chain[Math.max(0, chain.length - trustedHops)]!;
  return isIP(candidate) ? candidate : peer;
}
