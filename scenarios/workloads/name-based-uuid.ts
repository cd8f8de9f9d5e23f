// Name-based UUIDs (RFC 9562 version 5: SHA-1 over a namespace and a name). Used where an id must
// be the same in every run and every process without being stored anywhere, such as a district's
// bydelRessursId: the portal, the simulator and the case system all derive the same id from the
// district's names. Hashing is not randomness; the seeded Random stays the only source of that.
import { createHash } from 'node:crypto';

/** RFC 9562's URL namespace; names are given as URNs under it. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

export function nameBasedUuid(name: string, namespace: string = URL_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  if (namespaceBytes.length !== 16) throw new RangeError(`nameBasedUuid: namespace ${namespace} is not a UUID`);
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
