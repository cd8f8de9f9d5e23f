#!/usr/bin/python3
"""A concern-report receiver (fagsystem) that keeps ackproof's one promise: it never says
"mottatt" for a report it has not durably stored.

It implements ackproof's launch contract (docs/launch-contract.md) in plain Python, with Debian's
python3-pika (AMQP) and python3-psycopg2 (PostgreSQL) and the standard library, to show that the
contract asks nothing TypeScript-specific. Run it the way ackproof does:

    npx ackproof certify --adapter cmd:"/usr/bin/python3 examples/python/receiver.py"

The order of work on every delivery is the whole point:

    parse  ->  store and COMMIT  ->  send mottatt (until Fiks IO has it)  ->  ack

A message it cannot take (broken zip, bad JSON, missing fields, unknown type) is answered with
feilet and then acked. When storing fails, the outcome is unknown: it sends nothing, acks nothing,
and hands the message back to the broker by closing its connection, so the message is delivered
again. It never nacks: Fiks IO drops a nacked message without telling the portal.
"""

import hashlib
import http.client
import io
import json
import logging
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pika
import psycopg2

log = logging.getLogger("receiver")

# --- The protocol, as ackproof's contracts state it -------------------------------------------

# The catalogue of message types and their JSON Schemas are read from the repository at run time
# (contracts/message-types.json, contracts/schemas/), never copied here.
REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CONTRACTS = os.path.join(REPO, "contracts")

MOTTATT = "no.ks.fiks.bekymringsmelding.mottatt.v1"
FEILET = "no.ks.fiks.bekymringsmelding.feilet.v1"
REPORT_JSON = "bekymringsmelding.json"
REPORT_PDF = "bekymringsmelding.pdf"
FEILMELDING_JSON = "feilmelding.json"
READ_BACK_PREFIX = "/ackproof/v1/bekymringsmeldinger/"
READY_PATH = "/ackproof/v1/ready"


def load_report_types():
    """{report type: the JSON Schema of its bekymringsmelding.json}, for the four report types."""
    with open(os.path.join(CONTRACTS, "message-types.json"), encoding="utf-8") as file:
        catalogue = json.load(file)
    types = {}
    for entry in catalogue["types"]:
        if entry["kind"] == "report":
            with open(os.path.join(CONTRACTS, "schemas", entry["contentSchema"]), encoding="utf-8") as file:
                types[entry["type"]] = json.load(file)
    return types


# --- The launch contract: everything ackproof tells the receiver ------------------------------

LAUNCH_VARIABLES = {
    "amqp_url": "ACKPROOF_AMQP_URL",
    "queue": "ACKPROOF_QUEUE",
    "konto_id": "ACKPROOF_FIKS_IO_KONTO_ID",
    "send_api_url": "ACKPROOF_SEND_API_URL",
    "dokumentlager_url": "ACKPROOF_DOKUMENTLAGER_URL",
    "database_url": "ACKPROOF_DATABASE_URL",
    "read_back_port": "ACKPROOF_READ_BACK_PORT",
}


def read_launch_contract():
    missing = [name for name in LAUNCH_VARIABLES.values() if not os.environ.get(name)]
    if missing:
        sys.stderr.write(
            "receiver.py: the launch contract's variables %s are not set; ackproof sets them when it "
            "starts this receiver (see docs/launch-contract.md)\n" % ", ".join(missing)
        )
        sys.exit(2)
    if not os.environ[LAUNCH_VARIABLES["read_back_port"]].isdigit():
        sys.stderr.write("receiver.py: %s must be a port number, not %r\n" % (LAUNCH_VARIABLES["read_back_port"], os.environ[LAUNCH_VARIABLES["read_back_port"]]))
        sys.exit(2)
    return {key: os.environ[name] for key, name in LAUNCH_VARIABLES.items()}


# --- Parsing a delivery -----------------------------------------------------------------------


class Report:
    """A report that can be stored."""

    def __init__(self, melding_id, avsender_id, meldingstype, bekymringsmelding_id, content_json, content, pdf):
        self.melding_id = melding_id
        self.avsender_id = avsender_id
        self.meldingstype = meldingstype
        self.bekymringsmelding_id = bekymringsmelding_id
        self.content_json = content_json  # bekymringsmelding.json exactly as received
        self.content = content
        self.pdf = pdf


class Refusal(Exception):
    """The message cannot be taken: answer feilet, with this exception's message as the reason, then ack."""


def one_line(error):
    """An error's message on one line (libpq's span several), for the log."""
    return " ".join(str(error).split())


def header(headers, name):
    value = headers.get(name)
    return value.decode("utf-8") if isinstance(value, bytes) else value


def parse(config, report_types, headers, body):
    """Turns a delivery into a Report, or raises Refusal saying what is wrong with it."""
    meldingstype = header(headers, "type")
    if meldingstype not in report_types:
        raise Refusal('Ukjent meldingstype "%s": dette fagsystemet tar imot bekymringsmeldinger.' % meldingstype)
    melding_id = header(headers, "melding-id")
    avsender_id = header(headers, "avsender-id")
    bekymringsmelding_id = header(headers, "egendefinert-header.bekymringsmelding-id")
    if not melding_id or not avsender_id or not bekymringsmelding_id:
        raise Refusal("Meldingen mangler melding-id, avsender-id eller bekymringsmelding-id.")

    # Payloads over 5 MB travel by reference: the body is empty and dokumentlager has the zip.
    dokumentlager_id = header(headers, "dokumentlager-id")
    if dokumentlager_id:
        try:
            url = config["dokumentlager_url"] + urllib.parse.quote(dokumentlager_id, safe="")
            with urllib.request.urlopen(url, timeout=60) as response:
                body = response.read()
            log.info("fetched the payload of %s from dokumentlager: %d bytes", bekymringsmelding_id, len(body))
        except (urllib.error.URLError, OSError) as error:
            raise Refusal("Kunne ikke hente meldingen fra dokumentlageret (dokumentlager-id %s): %s" % (dokumentlager_id, error))

    # In production the zip is signed and encrypted to the receiver; ackproof sends it in the clear.
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as payload:
            damaged = payload.testzip()  # checks every entry's CRC-32
            if damaged is not None:
                raise Refusal("Kunne ikke pakke ut meldingen: %s er skadet." % damaged)
            names = payload.namelist()
            if REPORT_JSON not in names or REPORT_PDF not in names:
                raise Refusal("Meldingen mangler %s eller %s." % (REPORT_JSON, REPORT_PDF))
            json_bytes = payload.read(REPORT_JSON)
            pdf = payload.read(REPORT_PDF)
    except Refusal:
        raise
    except Exception as error:  # zipfile raises several kinds for damaged bytes; all mean "not a sound zip"
        raise Refusal("Kunne ikke pakke ut meldingen: %s" % error)

    try:
        content_json = json_bytes.decode("utf-8")
        content = json.loads(content_json)
    except ValueError as error:
        raise Refusal("Kunne ikke parse JSON-filen %s: %s" % (REPORT_JSON, error))
    if not isinstance(content, dict):
        raise Refusal("%s er ikke et JSON-objekt." % REPORT_JSON)
    # What the protocol requires of a report: its schema's required fields. The two that route the
    # report to a caseworker must be text.
    missing = [field for field in report_types[meldingstype].get("required", []) if field not in content]
    if missing:
        raise Refusal("%s følger ikke skjemaet for %s: mangler %s." % (REPORT_JSON, meldingstype, ", ".join(missing)))
    if not isinstance(content.get("kommunenummer"), str) or not isinstance(content.get("bydelsnummer"), str):
        raise Refusal("%s følger ikke skjemaet for %s: kommunenummer og bydelsnummer må være tekst." % (REPORT_JSON, meldingstype))

    return Report(
        melding_id=melding_id,
        avsender_id=avsender_id,
        meldingstype=meldingstype,
        bekymringsmelding_id=bekymringsmelding_id,
        content_json=content_json,
        content=content,
        pdf=pdf,
    )


# --- The case store -----------------------------------------------------------------------------

# One row per report: the primary key on bekymringsmelding_id is what makes a redelivery (same
# melding-id) or a resend (new melding-id, same report) harmless — it is stored once.
SCHEMA = """
CREATE TABLE IF NOT EXISTS sak (
    bekymringsmelding_id text PRIMARY KEY,
    meldingstype text NOT NULL,
    content_json text NOT NULL,
    pdf bytea NOT NULL,
    kommunenummer text NOT NULL,
    bydelsnummer text NOT NULL,
    melding_id text NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now()
)
"""


def connect_database(url):
    connection = psycopg2.connect(url, connect_timeout=10)
    # Session settings outside any transaction, so the only COMMITs the database (and ackproof's
    # proxy in front of it) sees are the ones that store reports.
    connection.autocommit = True
    with connection.cursor() as cursor:
        # A swamped server fails the statement instead of holding the delivery for ever.
        cursor.execute("SET statement_timeout = '10s'")
    connection.autocommit = False
    return connection


def migrate(connection):
    with connection.cursor() as cursor:
        cursor.execute(SCHEMA)
    connection.commit()


def store(connection, report):
    """Stores the report and COMMITS; True when it is new, False when it was stored before.
    Raises psycopg2.Error when the database fails: then nothing may be assumed stored."""
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO sak (bekymringsmelding_id, meldingstype, content_json, pdf, kommunenummer, bydelsnummer, melding_id)
               VALUES (%s, %s, %s, %s, %s, %s, %s)
               ON CONFLICT (bekymringsmelding_id) DO NOTHING""",
            (
                report.bekymringsmelding_id,
                report.meldingstype,
                report.content_json,
                psycopg2.Binary(report.pdf),
                report.content["kommunenummer"],
                report.content["bydelsnummer"],
                report.melding_id,
            ),
        )
        is_new = cursor.rowcount == 1
    connection.commit()  # returns only once PostgreSQL has the transaction on disk
    return is_new


def read_back(connection, bekymringsmelding_id):
    """What is stored for one report, as contracts/schemas/read-back.schema.json shapes it, or None."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT meldingstype, content_json, pdf, kommunenummer, bydelsnummer FROM sak WHERE bekymringsmelding_id = %s",
            (bekymringsmelding_id,),
        )
        rows = cursor.fetchall()
    connection.rollback()  # end the read's transaction; nothing was written
    if not rows:
        return None
    meldingstype, content_json, pdf, kommunenummer, bydelsnummer = rows[0]
    pdf = bytes(pdf)
    try:
        content = json.loads(content_json)
    except ValueError:
        content = None
    if not isinstance(content, dict):
        content = {"ulesbartInnhold": content_json}  # shown as it is, so damage reads back as a difference
    return {
        "bekymringsmeldingId": bekymringsmelding_id,
        "meldingstype": meldingstype,
        "bekymringsmelding": content,
        # Hashed from the bytes read now, so a damaged PDF shows.
        "pdf": {"sha256": hashlib.sha256(pdf).hexdigest(), "bytes": len(pdf)},
        "synligFor": sorted(
            ({"kommunenummer": k, "bydelsnummer": b} for (_, _, _, k, b) in rows),
            key=lambda place: (place["kommunenummer"], place["bydelsnummer"]),
        ),
        "antallSaker": len(rows),
    }


# --- Receipts through the Fiks IO send API ------------------------------------------------------


class SendRefused(Exception):
    """The send API refused the receipt (400/403/404): sending it again would be refused again."""


def post_receipt(config, meldingstype, svar_til, mottaker_konto_id, data):
    """POST <send API>/fiks-io/api/v1/send, multipart: part `metadata` (JSON) and part `data`."""
    metadata = {
        "avsenderKontoId": config["konto_id"],
        "mottakerKontoId": mottaker_konto_id,  # the sender of the message answered (its avsender-id)
        "meldingType": meldingstype,
        "svarPaMelding": svar_til,  # the melding-id answered
    }
    boundary = uuid.uuid4().hex
    parts = [
        ("metadata", "metadata.json", "application/json", json.dumps(metadata).encode("utf-8")),
        ("data", "data", "application/octet-stream", data),
    ]
    body = b""
    for name, filename, content_type, content in parts:
        body += (
            '--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: %s\r\n\r\n'
            % (boundary, name, filename, content_type)
        ).encode("ascii")
        body += content + b"\r\n"
    body += ("--%s--\r\n" % boundary).encode("ascii")
    request = urllib.request.Request(
        config["send_api_url"].rstrip("/") + "/fiks-io/api/v1/send",
        data=body,
        method="POST",
        headers={"Content-Type": "multipart/form-data; boundary=%s" % boundary},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())["meldingId"]
    except urllib.error.HTTPError as error:
        if error.code in (400, 403, 404):
            raise SendRefused("%s %s" % (error.code, error.read()[:500].decode("utf-8", "replace")))
        raise


def send_until_accepted(config, connection, meldingstype, svar_til, mottaker_konto_id, data):
    """Sends a receipt until Fiks IO has it; an unknown outcome (no answer, 5xx) is tried again,
    with a growing pause (a second copy is harmless: the portal handles receipts idempotently)."""
    delay = 0.2
    while True:
        try:
            receipt_id = post_receipt(config, meldingstype, svar_til, mottaker_konto_id, data)
            log.info("sent %s answering %s (meldingId %s)", meldingstype, svar_til, receipt_id)
            return
        except SendRefused as refusal:
            log.error("the send API refused %s answering %s: %s", meldingstype, svar_til, refusal)
            return
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError, KeyError) as error:
            # No answer, a cut-off answer, 5xx, or a 200 without a meldingId: the outcome is unknown.
            log.warning("sending %s answering %s failed (%s); trying again in %.1f s", meldingstype, svar_til, error, delay)
            connection.sleep(delay)  # pika's sleep keeps the AMQP connection's heartbeats going
            delay = min(delay * 2, 30.0)


def feilmelding_zip(melding):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as payload:
        payload.writestr(FEILMELDING_JSON, json.dumps({"melding": melding}, ensure_ascii=False))
    return buffer.getvalue()


# --- The receiver -------------------------------------------------------------------------------


class HandBack(Exception):
    """The outcome is unknown (storing failed): no receipt, no ack; the message must come back."""


class Receiver:
    def __init__(self, config):
        self.config = config
        self.report_types = load_report_types()
        self.ready = threading.Event()
        self.database = None
        self.migrated = False
        self.amqp = None

    def run(self):
        """Consumes until the process is killed. Any failure (broker gone, database gone, a message
        handed back) closes the connections, which returns the unacked message to the queue, and
        starts over after a pause."""
        while True:
            try:
                self.consume()
            except HandBack as reason:
                log.warning("handing the message back to the broker: %s", reason)
            except (pika.exceptions.AMQPError, psycopg2.Error, OSError) as error:
                log.warning("connection lost or refused (%s: %s); starting over in 1 s", type(error).__name__, one_line(error))
            except Exception:
                # A failure of this program's own (a bug): the outcome is unknown, so the message in
                # hand must come back rather than be lost with the process.
                log.exception("unexpected failure; handing the message back and starting over in 1 s")
            self.ready.clear()
            self.close_connections()
            time.sleep(1)

    def consume(self):
        self.connected_database()  # tables first: consuming before they exist would fail deliveries
        self.amqp = pika.BlockingConnection(pika.URLParameters(self.config["amqp_url"]))
        channel = self.amqp.channel()
        # One delivery at a time: a hand-back (closing the connection) then returns only that one.
        channel.basic_qos(prefetch_count=1)
        # The queue is ackproof's (a quorum queue with a delivery limit): consume it, never declare it.
        channel.basic_consume(queue=self.config["queue"], on_message_callback=self.on_message, auto_ack=False)
        self.ready.set()
        log.info("consuming %s", self.config["queue"])
        channel.start_consuming()

    def on_message(self, channel, method, properties, body):
        headers = properties.headers or {}
        melding_id = header(headers, "melding-id")
        avsender_id = header(headers, "avsender-id")
        try:
            report = parse(self.config, self.report_types, headers, body)
        except Refusal as refusal:
            log.warning("cannot take %s: %s", melding_id, refusal)
            if melding_id and avsender_id:
                send_until_accepted(self.config, self.amqp, FEILET, melding_id, avsender_id, feilmelding_zip(str(refusal)))
            else:
                log.error("%s has no melding-id or avsender-id to answer; acked so it does not come back", melding_id)
            channel.basic_ack(method.delivery_tag)
            return

        is_new = self.store_report(report)
        log.info("%s %s (melding-id %s)", "stored" if is_new else "already stored", report.bekymringsmelding_id, melding_id)
        send_until_accepted(self.config, self.amqp, MOTTATT, report.melding_id, report.avsender_id, b"")
        channel.basic_ack(method.delivery_tag)  # only now: stored, committed, answered

    def store_report(self, report):
        """Stores the report and commits; True when it was new. A database error hands the message
        back: the commit may or may not have happened, so no mottatt and no ack — the redelivery
        will tell (the store is idempotent)."""
        try:
            return store(self.connected_database(), report)
        except psycopg2.Error as error:
            self.discard_database()
            raise HandBack("storing %s failed: %s" % (report.bekymringsmelding_id, one_line(error)))

    def connected_database(self):
        """The database connection, opened when there is none; the tables are created once."""
        if self.database is None:
            self.database = connect_database(self.config["database_url"])
            if not self.migrated:
                migrate(self.database)
                self.migrated = True
        return self.database

    def discard_database(self):
        """After a database error the connection's state is unknown: close it, open a new one next time."""
        close_quietly(self.database)
        self.database = None

    def close_connections(self):
        close_quietly(self.amqp)
        self.amqp = None
        self.discard_database()


def close_quietly(connection):
    try:
        if connection is not None:
            connection.close()
    except Exception:  # already broken; closing is best effort
        pass


# --- The read-back API and readiness ------------------------------------------------------------


def serve_read_back(config, receiver):
    """GET /ackproof/v1/bekymringsmeldinger/{id}: 200 with what is stored, 404 when nothing is,
    500 when it cannot look (never 404 then: "could not look" must not pass for "not stored").
    GET /ackproof/v1/ready: 200 while consuming, 503 before."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path = urllib.parse.urlsplit(self.path).path
            if path == READY_PATH:
                if receiver.ready.is_set():
                    self.answer(200, {"ready": True})
                else:
                    self.answer(503, {"ready": False})
                return
            if not path.startswith(READ_BACK_PREFIX) or "/" in path[len(READ_BACK_PREFIX):] or path == READ_BACK_PREFIX:
                self.answer(404, {"title": "Not found", "detail": "nothing is served at %s" % path})
                return
            bekymringsmelding_id = urllib.parse.unquote(path[len(READ_BACK_PREFIX):])
            try:
                # A connection of its own: this runs in the server's thread, not the consumer's.
                connection = connect_database(config["database_url"])
                try:
                    stored = read_back(connection, bekymringsmelding_id)
                finally:
                    connection.close()
            except psycopg2.Error as error:
                self.answer(500, {"title": "Read-back failed", "detail": one_line(error)})
                return
            if stored is None:
                self.answer(404, {"title": "Not stored", "detail": "no report is stored under %s" % bekymringsmelding_id})
            else:
                self.answer(200, stored)

        def answer(self, status, body):
            text = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

        def log_message(self, format, *args):  # the default logs every request to stderr
            pass

    port = int(config["read_back_port"])
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    except OSError as error:
        sys.stderr.write("receiver.py: cannot serve the read-back API on 127.0.0.1:%d (%s); ackproof gives a free port in %s\n" % (port, error, LAUNCH_VARIABLES["read_back_port"]))
        sys.exit(2)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="read-back", daemon=True).start()
    log.info("read-back API on http://127.0.0.1:%d", port)


def main(receiver_class=Receiver):
    """Runs a receiver of receiver_class (a copy with a fault passes its own)."""
    name = os.path.basename(sys.argv[0])
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s " + name + " %(levelname)s %(message)s")
    logging.getLogger("pika").setLevel(logging.WARNING)
    config = read_launch_contract()
    # SIGTERM ends it quietly; ackproof itself kills with SIGKILL, which nothing can catch.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    receiver = receiver_class(config)
    serve_read_back(config, receiver)
    receiver.run()


if __name__ == "__main__":
    main()
