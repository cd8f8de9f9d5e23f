// JSON files must be UTF-8. A file saved as Latin-1 or Windows-1252 turns æ, ø and å into bytes that
// are not UTF-8; decoded leniently they become U+FFFD and the file would still "validate", with the
// names broken. So the bytes are checked first, and the first bad one is reported.

function continuation(byte: number | undefined, low = 0x80, high = 0xbf): boolean {
  return byte !== undefined && byte >= low && byte <= high;
}

/** Offset of the first byte that does not belong to well-formed UTF-8, or undefined if there is none. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number | undefined {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] ?? 0;
    let length: number;
    // Ranges from the Unicode standard, table 3-7 (well-formed UTF-8 byte sequences).
    if (lead <= 0x7f) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = continuation(bytes[at + 1]) ? 2 : 0;
    else if (lead >= 0xe0 && lead <= 0xef) {
      const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      length = continuation(bytes[at + 1], low, high) && continuation(bytes[at + 2]) ? 3 : 0;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      length = continuation(bytes[at + 1], low, high) && continuation(bytes[at + 2]) && continuation(bytes[at + 3]) ? 4 : 0;
    } else length = 0;
    if (length === 0) return at;
    at += length;
  }
  return undefined;
}
