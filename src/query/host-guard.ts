/**
 * Where data sources may connect (PRODUCT.md §2). Link-local (cloud metadata endpoints),
 * unspecified, broadcast and multicast addresses and Unix sockets are always refused; the operator
 * may narrow the rest with `TESSERA_DATA_SOURCE_ALLOW`. A name is checked when it is saved and
 * again on every connection, on the addresses it resolves to then: the socket connects only to
 * addresses that passed, so a name that changes its answer (DNS rebinding) gains nothing.
 */
import dns from 'node:dns';
import net from 'node:net';
import type { DataSourceAllowList } from '../config.ts';

function blockList(build: (list: net.BlockList) => void): net.BlockList {
  const list = new net.BlockList();
  build(list);
  return list;
}

// BlockList matches IPv4-mapped IPv6 addresses (::ffff:169.254.169.254) against the IPv4 rules too.
const REFUSED: [string, net.BlockList][] = [
  ['a link-local address', blockList((l) => (l.addSubnet('169.254.0.0', 16, 'ipv4'), l.addSubnet('fe80::', 10, 'ipv6')))],
  ['the unspecified address', blockList((l) => (l.addSubnet('0.0.0.0', 8, 'ipv4'), l.addAddress('::', 'ipv6')))],
  [
    'a multicast or broadcast address',
    blockList((l) => (l.addSubnet('224.0.0.0', 4, 'ipv4'), l.addAddress('255.255.255.255', 'ipv4'), l.addSubnet('ff00::', 8, 'ipv6'))),
  ],
];

const REFUSED_KINDS = 'link-local, unspecified, multicast or broadcast addresses';

/** Raised instead of connecting; `reason` is for admins (it names the host). */
export class HostRefusedError extends Error {
  readonly code = 'EDATASOURCEHOST';
  constructor(reason: string) {
    super(reason);
    this.name = 'HostRefusedError';
  }
}

const familyOf = (address: string): 'ipv4' | 'ipv6' => (net.isIP(address) === 4 ? 'ipv4' : 'ipv6');

/** What makes an IP address refused for every data source, or undefined. */
export function refusedKind(address: string): string | undefined {
  return REFUSED.find(([, list]) => list.check(address, familyOf(address)))?.[0];
}

/** Whether the allowlist lets `host` (as saved) connect to `addresses` (what it resolves to). */
function allowedBy(allow: DataSourceAllowList | undefined, host: string, addresses: readonly string[]): boolean {
  if (!allow) return true;
  const name = host.toLowerCase();
  if (net.isIP(name) === 0 && allow.hostnames.some((entry) => (entry.startsWith('*.') ? name.endsWith(entry.slice(1)) : name === entry))) return true;
  const cidrs = blockList((l) => allow.cidrs.forEach((c) => l.addSubnet(c.network, c.prefix, c.family)));
  return addresses.length > 0 && addresses.every((address) => cidrs.check(address, familyOf(address)));
}

/** Why `host` may not be connected to at `addresses`, or undefined when it may. */
export function hostRefusal(allow: DataSourceAllowList | undefined, host: string, addresses: readonly string[]): string | undefined {
  for (const address of addresses) {
    const kind = refusedKind(address);
    if (kind) {
      const what = address === host ? `The host ${host} is ${kind}` : `The host ${host} resolves to ${address}, ${kind}`;
      return `${what}; data sources may not connect to ${REFUSED_KINDS}`;
    }
  }
  if (!allowedBy(allow, host, addresses)) return `The host ${host} is not among the hosts TESSERA_DATA_SOURCE_ALLOW permits`;
  return undefined;
}

const LOOKUP_TIMEOUT_MS = 3_000;

function resolve(host: string): Promise<string[]> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('lookup timed out')), LOOKUP_TIMEOUT_MS);
    dns.lookup(host, { all: true }, (error, addresses) => {
      clearTimeout(timer);
      if (error) fail(error);
      else done(addresses.map((a) => a.address));
    });
  });
}

/**
 * The check when a data source is saved. A name that does not resolve (yet) is accepted unless the
 * allowlist would need its addresses: the connection checks it again anyway.
 */
export async function hostRefusalAtSave(allow: DataSourceAllowList | undefined, host: string): Promise<string | undefined> {
  if (host.startsWith('/')) return 'A Unix socket path is not allowed; give a host name or an IP address';
  if (net.isIP(host) !== 0) return hostRefusal(allow, host, [host]);
  const addresses = await resolve(host).catch(() => undefined);
  if (addresses) return hostRefusal(allow, host, addresses);
  return allowedBy(allow, host, []) ? undefined : hostRefusal(allow, host, []);
}

/**
 * A socket for `pg` (its `stream` option) that resolves the host itself, checks every address,
 * and connects only to the checked ones. TLS still verifies against the saved name, since `pg`
 * passes that name, not the address, as the server name.
 */
export function guardedSocket(allow: DataSourceAllowList | undefined): net.Socket {
  const socket = new net.Socket();
  const connect = socket.connect.bind(socket) as (options: net.TcpSocketConnectOpts) => net.Socket;
  const refuse = (reason: string) => process.nextTick(() => socket.destroy(new HostRefusedError(reason)));
  socket.connect = ((port: unknown, host: unknown) => {
    // `pg` calls connect(path) for a Unix socket and connect(port, host) otherwise.
    if (typeof port !== 'number' || typeof host !== 'string') {
      refuse('A Unix socket path is not allowed');
      return socket;
    }
    if (net.isIP(host) !== 0) {
      const reason = hostRefusal(allow, host, [host]);
      if (reason) refuse(reason);
      else connect({ port, host });
      return socket;
    }
    const lookup: net.LookupFunction = (hostname, options, callback) => {
      dns.lookup(hostname, { all: true, ...(options.family ? { family: options.family } : {}) }, (error, addresses) => {
        if (error) return callback(error, '', 0);
        const reason =
          addresses.length === 0
            ? `The host ${hostname} has no address`
            : hostRefusal(
                allow,
                host,
                addresses.map((a) => a.address),
              );
        if (reason) return callback(new HostRefusedError(reason), '', 0);
        if (options.all) return (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
    return connect({ port, host, lookup });
  }) as typeof socket.connect;
  return socket;
}
