// SHA-256 as the report writes it everywhere: lowercase hex (in-toto's digest form).
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
