// The report's PDF (bekymringsmelding.pdf), as the portal attaches it: a readable rendering of the
// same content as the JSON. A real PDF any viewer opens, on the standard Helvetica font, as many
// pages as the text needs. The bytes depend on the report only: dates, producer and creator are set
// from the report, and pdf-lib adds no random ids, so the same report always gives the same file.
import type { Adresse, Bekymringsmelding, OffentligBekymringsmelding, PrivatBekymringsmelding } from '../../contracts/bekymringsmelding.ts';
import { isOffentlig } from '../../contracts/bekymringsmelding.ts';
import { describeReportType } from '../../contracts/message-types.ts';
import { PdfLayout } from './pdf-layout.ts';
import type { GeneratedReport } from './report-workload.ts';
import { osloInstant, parseLocalDateTime } from './sending-time.ts';

export const PDF_PRODUCER = 'ackproof report workload (pdf-lib)';

/** Used when a (deliberately faulty) report has no readable sendingstidspunkt. */
const FALLBACK_DATE = new Date(Date.UTC(2000, 0, 1));

function addressText(address: Adresse | undefined): string {
  if (!address) return '–';
  const place = [address.postnummer, address.poststed].filter((part) => part !== undefined && part !== '').join(' ');
  return [address.adresselinje1, address.adresselinje2, address.adresselinje3, place].filter((part) => part !== undefined && part !== '').join(', ');
}

const yesNo = (value: boolean): string => (value ? 'Ja' : 'Nei');

function informedText(orientert: boolean, orientertGrunn: string | undefined): string {
  return orientertGrunn === undefined || orientertGrunn === '' ? yesNo(orientert) : `${yesNo(orientert)} – ${orientertGrunn}`;
}

function sentText(sendingstidspunkt: string): string {
  const time = parseLocalDateTime(sendingstidspunkt);
  if (!time) return sendingstidspunkt;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(time.day)}.${two(time.month)}.${time.year} kl. ${two(time.hour)}:${two(time.minute)}:${two(time.second)}`;
}

function privatBody(layout: PdfLayout, content: PrivatBekymringsmelding): void {
  layout.heading('Melder (privatperson)');
  layout.field('Navn', content.privatMelder.personnavn);
  layout.field('Telefon', content.privatMelder.telefonnummer ?? '–');
  layout.field('Adresse', addressText(content.privatMelder.adresse));
  layout.heading(`Barn (${content.privatBarn.length})`);
  content.privatBarn.forEach((child, index) => {
    if (index > 0) layout.space(6);
    layout.field('Navn', child.personnavn);
    layout.field('Antatt alder', child.antattAlder ?? '–');
    layout.field('Relasjon', child.relasjon ?? '–');
    layout.field('Adresse', addressText(child.adresse));
  });
  layout.heading('Melding');
  layout.paragraphs(content.melding);
}

function offentligBody(layout: PdfLayout, content: OffentligBekymringsmelding): void {
  const melder = content.offentligMelder;
  layout.heading('Melder (offentlig ansatt)');
  layout.field('Navn', melder.personnavn);
  layout.field('Rolle', melder.rolle);
  layout.field('Virksomhet', melder.virksomhet.orgnr ? `${melder.virksomhet.navn} (org.nr. ${melder.virksomhet.orgnr})` : melder.virksomhet.navn);
  layout.field('Virksomhetens adresse', addressText(melder.virksomhet.adresse));
  layout.field('Telefon', melder.telefonnummer);
  layout.field('E-post', melder.epost);
  layout.heading(`Barn (${content.offentligBarn.length})`);
  content.offentligBarn.forEach((child, index) => {
    if (index > 0) layout.space(6);
    layout.field('Navn', child.personnavn);
    layout.field('Fødselsnummer', child.ufoedt ? 'Ufødt' : child.fnr);
    if (child.telefonnummer !== undefined) layout.field('Telefon', child.telefonnummer);
    layout.field('Adresse', addressText(child.adresse));
    layout.field('Orientert', informedText(child.orientert, child.orientertGrunn));
  });
  layout.heading(`Foresatte (${content.foresatte.length})`);
  content.foresatte.forEach((guardian, index) => {
    if (index > 0) layout.space(6);
    layout.field('Navn', guardian.personnavn);
    layout.field('Telefon', guardian.telefonnummer ?? '–');
    layout.field('Orientert', informedText(guardian.orientert, guardian.orientertGrunn));
  });
  layout.heading('Andre opplysninger');
  layout.field('Behov for tolk', content.behovForTolk ?? '–');
  layout.field('Andre hjelpeinstanser', content.andreHjelpeinstanser ?? '–');
  layout.heading('Melding');
  layout.paragraphs(content.melding.melding);
  layout.heading('Historie');
  layout.paragraphs(content.melding.historie);
  if (content.melding.andreSynspunkter !== undefined) {
    layout.heading('Andre synspunkter');
    layout.paragraphs(content.melding.andreSynspunkter);
  }
}

function header(layout: PdfLayout, report: GeneratedReport, content: Bekymringsmelding): void {
  const { reporter, version } = describeReportType(report.meldingstype);
  layout.title(`Bekymringsmelding – ${reporter === 'offentlig' ? 'offentlig melder' : 'privat melder'}`);
  layout.field('Bekymringsmelding-id', report.bekymringsmeldingId);
  layout.field('Meldingstype', `${report.meldingstype} (versjon ${version})`);
  layout.field('Kommune', `${content.kommunenummer} ${content.kommunenavn}`);
  layout.field('Bydel', content.bydelsnummer === '00' && content.bydelsnavn === '' ? '– (kommunen har ikke bydeler)' : `${content.bydelsnummer} ${content.bydelsnavn}`);
  layout.field('Sendt', sentText(content.sendingstidspunkt));
  layout.field('Leveringskanal', content.leveringskanal);
}

export async function renderReportPdf(report: GeneratedReport): Promise<Uint8Array> {
  const { content } = report;
  const layout = await PdfLayout.create();
  const document = layout.document;
  const sent = parseLocalDateTime(content.sendingstidspunkt);
  const date = sent ? osloInstant(sent) : FALLBACK_DATE;
  document.setTitle(`Bekymringsmelding ${report.bekymringsmeldingId}`);
  document.setSubject(`${content.kommunenummer} ${content.kommunenavn}${content.bydelsnavn ? `, ${content.bydelsnavn}` : ''}`);
  document.setCreator(PDF_PRODUCER);
  document.setProducer(PDF_PRODUCER);
  document.setCreationDate(date);
  document.setModificationDate(date);
  document.setLanguage('nb-NO');

  header(layout, report, content);
  if (isOffentlig(content)) offentligBody(layout, content);
  else privatBody(layout, content);
  layout.footers(`Bekymringsmelding ${report.bekymringsmeldingId}`);
  return layout.save();
}
