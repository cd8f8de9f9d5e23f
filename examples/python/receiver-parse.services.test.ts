// The Python receiver's parsing (examples/python/receiver.py, parse()) against the reference
// parser (providers/case-system/report-message-parser.ts) on the very bytes the portal sends: every
// report type, a long text with æøå, each of the five poison kinds the poison-message fault sends,
// and headers without the report's id. Both must take and refuse the same messages, and what the
// Python receiver takes must be what was sent, byte for byte. Its feilet payload must be a zip
// the portal can read.
//
// In the services tier with the certification of the Python receivers, because it needs what they
// need: Debian's /usr/bin/python3 with python3-pika and python3-psycopg2 (.ci/run installs them).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { CUSTOM, HEADER, customHeader } from '../../contracts/fiks-io-headers.ts';
import { REPORT_TYPES } from '../../contracts/message-types.ts';
import { unpackPayload } from '../../contracts/payload-zip.ts';
import { validateFeilmelding } from '../../contracts/validation/index.ts';
import { deliveryHeaders } from '../../providers/fiks-io/delivery-headers.ts';
import { parseReportMessage } from '../../providers/case-system/report-message-parser.ts';
import { POISON_KINDS, poisonSend } from '../../scenarios/faults/poison-payloads.ts';
import { buildPayload, generateReport, seededRandom } from '../../scenarios/workloads/index.ts';

const REPO = join(import.meta.dirname, '..', '..');
const PYTHON = '/usr/bin/python3';
const PORTAL = '6c5e1a2b-3d4f-4a6b-9c8d-fa65e5000001';
const CASE_SYSTEM = '6c5e1a2b-3d4f-4a6b-9c8d-fa65e5000002';

interface Delivery {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

type PythonParse = { readonly ok: true; readonly bekymringsmeldingId: string; readonly meldingstype: string; readonly contentJson: string; readonly pdfSha256: string } | { readonly ok: false; readonly melding: string };

/** Runs receiver.py's own parse() and feilmelding_zip() on the deliveries, in Debian's Python. */
function inPython(deliveries: readonly Delivery[]): { readonly parsed: PythonParse[]; readonly feiletZip: Uint8Array } {
  const driver = `
import base64, hashlib, json, sys
sys.path.insert(0, "examples/python")
import receiver
types = receiver.load_report_types()
config = {"dokumentlager_url": "http://127.0.0.1:9/unused/"}
out = []
for delivery in json.load(sys.stdin):
    try:
        report = receiver.parse(config, types, delivery["headers"], base64.b64decode(delivery["body"]))
        out.append({"ok": True, "bekymringsmeldingId": report.bekymringsmelding_id, "meldingstype": report.meldingstype,
                    "contentJson": report.content_json, "pdfSha256": hashlib.sha256(report.pdf).hexdigest()})
    except receiver.Refusal as refusal:
        out.append({"ok": False, "melding": str(refusal)})
json.dump({"parsed": out, "feiletZip": base64.b64encode(receiver.feilmelding_zip("Ugyldig: æøå")).decode()}, sys.stdout)
`;
  const input = JSON.stringify(deliveries.map(({ headers, body }) => ({ headers, body: Buffer.from(body).toString('base64') })));
  // -B: importing receiver.py leaves no __pycache__ in the work tree.
  const output = execFileSync(PYTHON, ['-B', '-c', driver], { cwd: REPO, input, maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
  const result = JSON.parse(output) as { parsed: PythonParse[]; feiletZip: string };
  return { parsed: result.parsed, feiletZip: new Uint8Array(Buffer.from(result.feiletZip, 'base64')) };
}

async function deliveriesAsThePortalSendsThem(): Promise<Delivery[]> {
  const random = seededRandom('python parse');
  const deliver = (name: string, send: { metadata: { avsenderKontoId: string; mottakerKontoId: string; meldingType: string; headere?: Record<string, string> }; data: Uint8Array }): Delivery => ({
    name,
    headers: deliveryHeaders({ meldingId: random.uuid(), metadata: send.metadata, svarTilType: undefined, dokumentlagerId: undefined }),
    body: send.data,
  });
  const sendOf = async (report: ReturnType<typeof generateReport>) => ({
    metadata: {
      avsenderKontoId: PORTAL,
      mottakerKontoId: CASE_SYSTEM,
      meldingType: report.meldingstype,
      headere: { [CUSTOM.bekymringsmeldingId]: report.bekymringsmeldingId, [CUSTOM.bydelRessursId]: report.bydelRessursId, [CUSTOM.klientMeldingId]: random.uuid() },
    },
    data: await buildPayload(report),
  });
  const deliveries: Delivery[] = [];
  for (const type of REPORT_TYPES) deliveries.push(deliver(type, await sendOf(generateReport(random.fork(type), { type }))));
  deliveries.push(deliver('long text', await sendOf(generateReport(random.fork('long'), { type: 'no.ks.fiks.bekymringsmelding.privat.v2', textLength: 30_000 }))));
  const victim = await sendOf(generateReport(random.fork('poisoned')));
  for (const kind of POISON_KINDS) deliveries.push(deliver(`poison: ${kind}`, poisonSend(kind, victim)));
  const withoutId = deliver('no bekymringsmelding-id', victim);
  delete withoutId.headers[customHeader(CUSTOM.bekymringsmeldingId)];
  deliveries.push(withoutId);
  return deliveries;
}

describe("receiver.py's parse() beside the reference parser", () => {
  test('takes and refuses the same messages, and takes exactly what was sent', async () => {
    const deliveries = await deliveriesAsThePortalSendsThem();
    const { parsed } = inPython(deliveries);

    const decisions = await Promise.all(
      deliveries.map(async (delivery, index) => {
        const reference = await parseReportMessage(delivery, { fetchDokumentlager: () => Promise.reject(new Error('not by reference')) });
        return { name: delivery.name, reference: reference.ok, python: parsed[index]?.ok };
      }),
    );
    expect(decisions.filter(({ reference, python }) => reference !== python)).toEqual([]);
    // The test means something only if both outcomes occur: 5 reports taken, 6 messages refused.
    expect(decisions.map(({ python }) => python)).toEqual([true, true, true, true, true, false, false, false, false, false, false]);

    for (const [index, delivery] of deliveries.entries()) {
      const python = parsed[index];
      if (python?.ok !== true) continue;
      const files = unpackPayload(delivery.body);
      expect({ name: delivery.name, ...python }).toEqual({
        name: delivery.name,
        ok: true,
        bekymringsmeldingId: delivery.headers[customHeader(CUSTOM.bekymringsmeldingId)],
        meldingstype: delivery.headers[HEADER.type],
        contentJson: new TextDecoder().decode(files.get('bekymringsmelding.json')),
        pdfSha256: createHash('sha256').update(files.get('bekymringsmelding.pdf') ?? new Uint8Array()).digest('hex'),
      });
    }
  });

  test('its feilet payload is a zip holding a feilmelding.json the portal can read', () => {
    const { feiletZip } = inPython([]);
    const files = unpackPayload(feiletZip);
    expect([...files.keys()]).toEqual(['feilmelding.json']);
    const feilmelding: unknown = JSON.parse(new TextDecoder().decode(files.get('feilmelding.json')));
    expect(feilmelding).toEqual({ melding: 'Ugyldig: æøå' });
    expect(validateFeilmelding(feilmelding).valid).toBe(true);
  });
});
