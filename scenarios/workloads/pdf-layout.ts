// A small text layout for PDFs on pdf-lib's standard fonts: headings, label/value fields and
// paragraphs, wrapped to the page and continued on new pages for as long as the text runs.
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER_SPACE = 28;
const LABEL_WIDTH = 135;
const BODY_SIZE = 10;
const LINE_GAP = 1.4;
const BLACK = rgb(0, 0, 0);

/**
 * Text a standard font can draw. The standard fonts use WinAnsi encoding, which holds æøå and
 * most Western letters but not, say, Sami č or ŋ; pdf-lib throws on those. Letters are folded to
 * their base letter where that one exists (č → c), anything else becomes '?', so any report renders.
 */
export function winAnsiSafe(text: string, font: PDFFont): string {
  const supported = supportedCodePoints(font);
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (supported.has(code)) out += char;
    else if (char === '\t') out += '    ';
    else {
      const base = char.normalize('NFD').replaceAll(/\p{M}/gu, '');
      out += base !== '' && [...base].every((c) => supported.has(c.codePointAt(0) ?? 0)) ? base : '?';
    }
  }
  return out;
}

const codePointCache = new WeakMap<PDFFont, Set<number>>();
function supportedCodePoints(font: PDFFont): Set<number> {
  let set = codePointCache.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    codePointCache.set(font, set);
  }
  return set;
}

export class PdfLayout {
  readonly document: PDFDocument;
  private readonly regular: PDFFont;
  private readonly bold: PDFFont;
  private readonly widths = new Map<PDFFont, Float64Array>();
  private readonly pageFonts = new WeakMap<PDFPage, PDFFont>();
  private page: PDFPage;
  private y = 0;

  private constructor(document: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.document = document;
    this.regular = regular;
    this.bold = bold;
    this.page = this.newPage();
  }

  /** A new document with no metadata of pdf-lib's own (no "now" dates): the caller sets it. */
  static async create(): Promise<PdfLayout> {
    const document = await PDFDocument.create({ updateMetadata: false });
    const regular = await document.embedFont(StandardFonts.Helvetica);
    const bold = await document.embedFont(StandardFonts.HelveticaBold);
    return new PdfLayout(document, regular, bold);
  }

  private newPage(): PDFPage {
    this.page = this.document.addPage(A4);
    this.y = A4[1] - MARGIN;
    return this.page;
  }

  private ensureRoom(height: number): void {
    if (this.y - height < MARGIN + FOOTER_SPACE) this.newPage();
  }

  /** Width in points, without kerning (drawText does not kern either). `text` is WinAnsi-safe, so all in the BMP. */
  private widthOf(text: string, font: PDFFont, size: number): number {
    let table = this.widths.get(font);
    if (!table) {
      table = new Float64Array(0x10000).fill(Number.NaN);
      this.widths.set(font, table);
    }
    let total = 0;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      let width = table[code] ?? Number.NaN;
      if (Number.isNaN(width)) {
        width = font.widthOfTextAtSize(text.charAt(index), 1000);
        table[code] = width;
      }
      total += width;
    }
    return (total * size) / 1000;
  }

  /** Lines of at most `width` points; a word longer than a line (a pasted link, a fault's junk) is broken. */
  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    const space = this.widthOf(' ', font, size);
    for (const rawLine of text.split(/\r\n|[\n\r]/u)) {
      const paragraphLine = winAnsiSafe(rawLine, font);
      let line = '';
      let lineWidth = 0;
      for (const word of paragraphLine.split(' ')) {
        const wordWidth = this.widthOf(word, font, size);
        if (line !== '' && lineWidth + space + wordWidth <= width) {
          line += ` ${word}`;
          lineWidth += space + wordWidth;
          continue;
        }
        if (line !== '') lines.push(line);
        if (wordWidth <= width) {
          line = word;
          lineWidth = wordWidth;
          continue;
        }
        line = '';
        lineWidth = 0;
        for (const char of word) {
          const charWidth = this.widthOf(char, font, size);
          if (line !== '' && lineWidth + charWidth > width) {
            lines.push(line);
            line = '';
            lineWidth = 0;
          }
          line += char;
          lineWidth += charWidth;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /**
   * Selects the font on a page only when it changes: pdf-lib adds a new font resource to the page
   * on every drawText that names a font, which bloats the file and slows rendering of long texts.
   */
  private useFont(page: PDFPage, font: PDFFont): void {
    if (this.pageFonts.get(page) === font) return;
    page.setFont(font);
    this.pageFonts.set(page, font);
  }

  /** Draws lines top-down, one text block per page (far fewer PDF operators than a call per line). */
  private drawLines(lines: readonly string[], x: number, font: PDFFont, size: number): void {
    const height = size * LINE_GAP;
    let index = 0;
    while (index < lines.length) {
      this.ensureRoom(height);
      const room = Math.max(1, Math.floor((this.y - MARGIN - FOOTER_SPACE) / height));
      const block = lines.slice(index, index + room);
      this.useFont(this.page, font);
      this.page.drawText(block.join('\n'), { x, y: this.y - height, size, lineHeight: height, color: BLACK });
      this.y -= block.length * height;
      index += block.length;
    }
  }

  get contentWidth(): number {
    return A4[0] - 2 * MARGIN;
  }

  title(text: string): void {
    this.drawLines(this.wrap(text, this.bold, 18, this.contentWidth), MARGIN, this.bold, 18);
    this.space(6);
  }

  heading(text: string): void {
    this.space(10);
    this.ensureRoom(60); // keep a heading with the first lines under it
    this.drawLines(this.wrap(text, this.bold, 12, this.contentWidth), MARGIN, this.bold, 12);
    this.space(2);
  }

  /** "Label   value", the value wrapped in its own column. */
  field(label: string, value: string): void {
    const height = BODY_SIZE * LINE_GAP;
    this.ensureRoom(height);
    const top = this.y;
    this.useFont(this.page, this.bold);
    this.page.drawText(winAnsiSafe(label, this.bold), { x: MARGIN, y: top - height, size: BODY_SIZE, color: BLACK });
    this.drawLines(this.wrap(value, this.regular, BODY_SIZE, this.contentWidth - LABEL_WIDTH), MARGIN + LABEL_WIDTH, this.regular, BODY_SIZE);
  }

  paragraphs(text: string): void {
    this.drawLines(this.wrap(text, this.regular, BODY_SIZE, this.contentWidth), MARGIN, this.regular, BODY_SIZE);
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Draws "<prefix> – side n av m" at the foot of every page; call when all content is laid out. */
  footers(prefix: string): void {
    const pages = this.document.getPages();
    pages.forEach((page, index) => {
      const text = winAnsiSafe(`${prefix} – side ${index + 1} av ${pages.length}`, this.regular);
      this.useFont(page, this.regular);
      page.drawText(text, { x: MARGIN, y: MARGIN - 8, size: 8, color: rgb(0.35, 0.35, 0.35) });
    });
  }
}
