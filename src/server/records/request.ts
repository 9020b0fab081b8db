/// <reference types="node" />
/** What the server itself can add to a record: the user agent and, when the site opts in, the address. */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * `false` (the default): no address is kept. `'masked'`: the network only, IPv4 to /24 and
 * IPv6 to /48, enough to tell a country or provider, not a household. `'full'`: as received.
 */
export type IpPolicy = false | 'masked' | 'full';

/** Is the request on https, directly or behind a proxy that says so? */
export const secure = (request: IncomingMessage): boolean =>
  Boolean((request.socket as { encrypted?: boolean }).encrypted) ||
  String(request.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';

/** An address without IPv6 brackets (`[::1]`) or zone (`fe80::1%eth0`). */
const withoutDecoration = (address: string): string => address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');

function expandIpv6(address: string): number[] {
  const [head, tail = ''] = address.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const last = right.length ? right : left;
  if (last.length && last[last.length - 1].includes('.')) {
    const [a, b, c, d] = last.pop()!.split('.').map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const fill = address.includes('::') ? 8 - left.length - right.length : 0;
  return [...left, ...Array(fill).fill('0'), ...right].map((group) => parseInt(group, 16) || 0);
}

export function maskIp(address: string): string | null {
  const plain = withoutDecoration(address);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  const ip = mapped ? mapped[1] : plain;
  switch (isIP(ip)) {
    case 4:
      return ip.replace(/\.\d+$/, '.0');
    case 6: {
      const groups = expandIpv6(ip).slice(0, 3);
      return `${groups.map((group) => group.toString(16)).join(':')}::`;
    }
    default:
      return null;
  }
}

/** The client's address: the socket's, or the first `X-Forwarded-For` hop behind a proxy the site trusts. */
export function clientIp(request: IncomingMessage, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? String(request.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : '';
  const address = forwarded || request.socket?.remoteAddress || '';
  const plain = withoutDecoration(address);
  return isIP(plain) ? plain : null;
}

export function ipOf(request: IncomingMessage | undefined, policy: IpPolicy, trustProxy: boolean): string | null {
  if (!request || policy === false) return null;
  const ip = clientIp(request, trustProxy);
  if (!ip) return null;
  return policy === 'full' ? ip : maskIp(ip);
}

export const userAgentOf = (request: IncomingMessage | undefined): string =>
  String(request?.headers['user-agent'] ?? '').slice(0, 512);
