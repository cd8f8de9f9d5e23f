// The payload zip: the wire format of a report (bekymringsmelding.json + bekymringsmelding.pdf) and
// of a feilet reply (feilmelding.json). Portal and case system both use this module. In production
// the zip is also signed (ASiC-E) and encrypted to the receiver; the harness moves it in the clear.
import { crc32 } from 'node:zlib';
import { unzipSync, zipSync, type Zippable } from 'fflate';

export const REPORT_JSON_NAME = 'bekymringsmelding.json';
export const REPORT_PDF_NAME = 'bekymringsmelding.pdf';

/** A payload that cannot be read: not a zip, truncated, or an entry whose bytes do not match its checksum. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

/** The payload's file name as the portal sends it: FiksIO_encrypted_<orgId>_<bydelsnummer>.zip. */
export function payloadFileName(orgId: string, bydelsnummer: string): string {
  return `FiksIO_encrypted_${orgId}_${bydelsnummer}.zip`;
}

// A fixed modification time makes the bytes depend on the contents only. fflate writes the DOS
// time from the Date's *local* fields, so the Date is built from local fields too, at packing time
// (not once at load, in case the zone changes): 1980-01-01 12:00 lands in the zip in every zone.
const fixedMtime = (): Date => new Date(1980, 0, 1, 12, 0, 0);

/** Zips the entries in the order given, deterministically (fixed time stamps, deflate level 6). */
export function packPayloadFiles(entries: readonly (readonly [name: string, data: Uint8Array])[]): Uint8Array {
  const files: Zippable = {};
  const mtime = fixedMtime();
  for (const [name, data] of entries) {
    if (name === '' || Object.hasOwn(files, name)) {
      throw new RangeError(`packPayloadFiles: entry name "${name}" is empty or given twice; a zip entry needs one unique name`);
    }
    files[name] = [data, { level: 6, mtime }];
  }
  return zipSync(files);
}

/** A report's payload: the JSON, then the PDF. The PDF is optional so faulty payloads can be built. */
export function packPayload(files: { readonly json: Uint8Array; readonly pdf?: Uint8Array }): Uint8Array {
  return packPayloadFiles(files.pdf === undefined ? [[REPORT_JSON_NAME, files.json]] : [[REPORT_JSON_NAME, files.json], [REPORT_PDF_NAME, files.pdf]]);
}

interface DirectoryEntry {
  readonly name: string;
  readonly crc: number;
  readonly size: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/**
 * The names, CRC-32s and sizes the zip's central directory promises. fflate does not check them,
 * and a truncated or corrupted entry can inflate to the promised size of wrong bytes or to fewer
 * bytes; comparing against the directory is what tells a damaged payload from a good one.
 */
function readDirectory(zip: Uint8Array): DirectoryEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_OF_DIRECTORY) end -= 1;
  if (end < 0) throw new PayloadError('unpackPayload: no end-of-central-directory record, so this is not a zip (or its end was cut off)');
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: DirectoryEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > zip.length || view.getUint32(offset, true) !== DIRECTORY_ENTRY) {
      throw new PayloadError(`unpackPayload: central directory entry ${index + 1} of ${count} is missing or damaged`);
    }
    const utf8 = (view.getUint16(offset + 8, true) & 0x0800) !== 0;
    const nameLength = view.getUint16(offset + 28, true);
    const nameBytes = zip.subarray(offset + 46, offset + 46 + nameLength);
    entries.push({
      // As fflate decodes names: UTF-8 when the entry says so, else one byte per character.
      name: utf8 ? new TextDecoder().decode(nameBytes) : String.fromCharCode(...nameBytes),
      crc: view.getUint32(offset + 16, true),
      size: view.getUint32(offset + 24, true),
    });
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return entries;
}

/** The zip's entries by name. Throws PayloadError when the bytes are not a sound zip. */
export function unpackPayload(zip: Uint8Array): ReadonlyMap<string, Uint8Array> {
  if (!(zip instanceof Uint8Array) || zip.length < 22) {
    throw new PayloadError(`unpackPayload: ${zip instanceof Uint8Array ? `${zip.length} bytes is` : 'the payload is not bytes and'} too short to be a zip`);
  }
  const directory = readDirectory(zip);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    throw new PayloadError(`unpackPayload: the zip cannot be unpacked (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const result = new Map<string, Uint8Array>();
  for (const entry of directory) {
    if (result.has(entry.name)) throw new PayloadError(`unpackPayload: entry "${entry.name}" is in the zip twice, so which one is meant is unclear`);
    const data = files[entry.name];
    if (data === undefined) throw new PayloadError(`unpackPayload: entry "${entry.name}" is listed but could not be read`);
    if (data.length !== entry.size || crc32(data) !== entry.crc) {
      throw new PayloadError(
        `unpackPayload: entry "${entry.name}" is damaged: ${data.length} bytes with CRC-32 ${crc32(data).toString(16)}, ` +
          `the zip promises ${entry.size} bytes with CRC-32 ${entry.crc.toString(16)}`,
      );
    }
    result.set(entry.name, data);
  }
  return result;
}
