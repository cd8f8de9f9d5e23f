// A small text layout for PDFs on pdf-lib's standard fonts: headings, label/value fields and
// paragraphs, wrapped to the page and continued on new pages for as long as the text runs.
//
// pdf-lib makes the document (catalogue, pages, fonts, metadata) and writes the file; the pages'
// text is written here, straight into each page's content stream: the same operators pdf-lib's
// drawText writes (BT, Tf, TL, Tm, Tj, T*, ET), but each line as a literal string of WinAnsi bytes
// rather than pdf-lib's hex glyph codes built character by character, and the stream deflated once
// by Node's zlib rather than by pako in JavaScript. A report's PDF costs about a third of the CPU it
// did through drawText (bench/findings.md); it is still the same report, on the same fonts and pages.
import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFFont, PDFName, type PDFPage, StandardFonts } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER_SPACE = 28;
const LABEL_WIDTH = 135;
const BODY_SIZE = 10;
const LINE_GAP = 1.4;
const BLACK = '0 0 0 rg';
const FOOTER_GREY = '0.35 0.35 0.35 rg';

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

/** One page being written: its content operators, and the resource name of each font it uses. */
interface PageContent {
  readonly page: PDFPage;
  readonly operators: string[];
  readonly fontKeys: Map<PDFFont, string>;
}

export class PdfLayout {
  readonly document: PDFDocument;
  private readonly regular: PDFFont;
  private readonly bold: PDFFont;
  private readonly widths = new Map<PDFFont, Float64Array>();
  private readonly codes = new Map<PDFFont, Int16Array>();
  private readonly pages: PageContent[] = [];
  private page: PageContent;
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

  private newPage(): PageContent {
    this.page = { page: this.document.addPage(A4), operators: [], fontKeys: new Map() };
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN;
    return this.page;
  }

  private ensureRoom(height: number): void {
    if (this.y - height < MARGIN + FOOTER_SPACE) this.newPage();
  }

  /** Width in points, without kerning (the text is not kerned either). `text` is WinAnsi-safe, so all in the BMP. */
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

  /**
   * A WinAnsi-safe line as a PDF literal string: each character's code in the font's encoding (as
   * pdf-lib's own encodeText gives it, asked once per character), with ( ) \ and control codes escaped.
   */
  private literal(text: string, font: PDFFont): string {
    let table = this.codes.get(font);
    if (!table) {
      table = new Int16Array(0x10000).fill(-1);
      this.codes.set(font, table);
    }
    let out = '(';
    for (let index = 0; index < text.length; index++) {
      const char = text.charCodeAt(index);
      let code = table[char] ?? -1;
      if (code < 0) {
        code = Number.parseInt(font.encodeText(text.charAt(index)).asString(), 16);
        table[char] = code;
      }
      if (code === 0x28 || code === 0x29 || code === 0x5c) out += `\\${String.fromCharCode(code)}`;
      // A control code would be read as a line end or whitespace: written as its octal escape.
      else if (code < 0x20) out += `\\${code.toString(8).padStart(3, '0')}`;
      else out += String.fromCharCode(code);
    }
    return `${out})`;
  }

  /** The page's resource name for `font`, added to its font dictionary on first use. */
  private fontKey(page: PageContent, font: PDFFont): string {
    let key = page.fontKeys.get(font);
    if (key === undefined) {
      key = page.page.node.newFontDictionary(font.name, font.ref).toString();
      page.fontKeys.set(font, key);
    }
    return key;
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

  /** One text block: the lines top-down from (x, top of the first line's baseline), as pdf-lib's drawText lays them out. */
  private text(page: PageContent, lines: readonly string[], x: number, baseline: number, font: PDFFont, size: number, lineHeight: number, colour: string): void {
    const shown = lines.map((line) => `${this.literal(line, font)} Tj T*`).join('\n');
    page.operators.push(`q BT ${colour} ${this.fontKey(page, font)} ${num(size)} Tf ${num(lineHeight)} TL 1 0 0 1 ${num(x)} ${num(baseline)} Tm\n${shown}\nET Q`);
  }

  /** Draws lines top-down, one text block per page (far fewer PDF operators than a block per line). */
  private drawLines(lines: readonly string[], x: number, font: PDFFont, size: number): void {
    const height = size * LINE_GAP;
    let index = 0;
    while (index < lines.length) {
      this.ensureRoom(height);
      const room = Math.max(1, Math.floor((this.y - MARGIN - FOOTER_SPACE) / height));
      const block = lines.slice(index, index + room);
      this.text(this.page, block, x, this.y - height, font, size, height, BLACK);
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
    this.text(this.page, [winAnsiSafe(label, this.bold)], MARGIN, this.y - height, this.bold, BODY_SIZE, height, BLACK);
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
    this.pages.forEach((page, index) => {
      const text = winAnsiSafe(`${prefix} – side ${index + 1} av ${this.pages.length}`, this.regular);
      this.text(page, [text], MARGIN, MARGIN - 8, this.regular, 8, 8, FOOTER_GREY);
    });
  }

  /** Writes each page's content stream (deflated) and the document; the bytes depend on the content only. */
  async save(): Promise<Uint8Array> {
    const { context } = this.document;
    for (const { page, operators } of this.pages) {
      const content = deflateSync(Buffer.from(operators.join('\n'), 'latin1'), { level: 6 });
      page.node.addContentStream(context.register(context.stream(content, { Filter: PDFName.of('FlateDecode') })));
    }
    // No object streams: they would be deflated by pako, and the few small dictionaries they hold
    // cost more to compress than they save.
    return this.document.save({ useObjectStreams: false });
  }
}

/** A number as PDF content writes it: no exponent, at most three decimals. */
function num(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
