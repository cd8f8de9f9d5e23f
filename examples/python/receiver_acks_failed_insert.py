#!/usr/bin/python3
"""FAULTY ON PURPOSE — do not copy. This is receiver.py with exactly the fault of 2020–2023: when
storing a report fails, the error is logged and the receiver carries on as if it had been stored —
it sends `mottatt` and acks. The portal takes `mottatt` as final delivery and deletes its copy; in
that period 63 concern reports from 22 municipalities were lost for good this way (Bufdir/BFD
report, 2 Nov 2023). ackproof must refuse to certify it:

    npx ackproof certify --adapter cmd:"/usr/bin/python3 examples/python/receiver_acks_failed_insert.py"

Everything but the fault is receiver.py's own (imported, not copied): the one method below is the
whole difference, so what ackproof catches here is that fault and nothing else.
"""

import psycopg2

import receiver


class ReceiverThatAcksFailedInserts(receiver.Receiver):
    def store_report(self, report):
        try:
            return receiver.store(self.connected_database(), report)
        except psycopg2.Error as error:
            # FAULT: logged and carried on — the caller sends mottatt and acks for a report that
            # may not be stored. receiver.py hands the message back (raises HandBack) instead.
            self.discard_database()
            receiver.log.error("storing %s failed: %s", report.bekymringsmelding_id, receiver.one_line(error))
            return False


if __name__ == "__main__":
    receiver.main(ReceiverThatAcksFailedInserts)
