import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { toWinAnsi, wrapText } from "./documents.models";

/** A4 in points, and the margins every document page keeps. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { x: 56, top: 60, bottom: 64 };
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN.x;

const INK = rgb(0.11, 0.1, 0.09);
const MUTED = rgb(0.42, 0.4, 0.38);
const LINE = rgb(0.85, 0.83, 0.8);

export type FontStyle = "regular" | "bold" | "mono";

export interface TextOptions {
  style?: FontStyle;
  size?: number;
  /** Points from the left margin. */
  indent?: number;
  muted?: boolean;
  /** Space below the block, in points. */
  after?: number;
}

/**
 * Lays text out on A4 pages with the standard PDF fonts (Helvetica, Courier: nothing to embed, so a
 * document is a few kilobytes): wraps it, starts a new page when one is full, numbers the pages at
 * the end. Every string goes through `toWinAnsi` first, since those fonts cannot encode anything
 * outside Windows-1252; `replaced` counts the characters that had to become "?".
 */
export class PdfComposer {
  replaced = 0;
  private page: PDFPage;
  private y = PAGE.height - MARGIN.top;
  private readonly charset: ReadonlySet<number>;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Record<FontStyle, PDFFont>,
  ) {
    this.charset = new Set(fonts.regular.getCharacterSet());
    this.page = doc.addPage([PAGE.width, PAGE.height]);
  }

  static async create(meta: { title: string; subject: string; now: Date }): Promise<PdfComposer> {
    const doc = await PDFDocument.create();
    doc.setTitle(meta.title);
    doc.setSubject(meta.subject);
    doc.setAuthor("Atelier");
    doc.setCreator("Atelier");
    doc.setProducer("Atelier (pdf-lib)");
    doc.setCreationDate(meta.now);
    doc.setModificationDate(meta.now);
    const [regular, bold, mono] = await Promise.all([
      doc.embedFont(StandardFonts.Helvetica),
      doc.embedFont(StandardFonts.HelveticaBold),
      doc.embedFont(StandardFonts.Courier),
    ]);
    return new PdfComposer(doc, { regular, bold, mono });
  }

  private clean(text: string): string {
    const { text: out, replaced } = toWinAnsi(text, this.charset);
    this.replaced += replaced;
    return out;
  }

  /** Room for `height` more points on this page, or a new page. */
  private ensure(height: number) {
    if (this.y - height >= MARGIN.bottom) return;
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN.top;
  }

  /** A wrapped block of text; long blocks continue on the next pages. */
  text(text: string, o: TextOptions = {}): void {
    const font = this.fonts[o.style ?? "regular"];
    const size = o.size ?? 10;
    const indent = o.indent ?? 0;
    const leading = size * 1.35;
    const lines = wrapText(this.clean(text), CONTENT_WIDTH - indent, (s) => font.widthOfTextAtSize(s, size));
    for (const line of lines) {
      this.ensure(leading);
      this.y -= leading;
      this.page.drawText(line, {
        x: MARGIN.x + indent,
        y: this.y + (leading - size),
        size,
        font,
        color: o.muted ? MUTED : INK,
      });
    }
    this.y -= o.after ?? 2;
  }

  heading(text: string, size = 13): void {
    this.ensure(size * 3);
    this.y -= size * 0.6;
    this.text(text, { style: "bold", size, after: 4 });
  }

  /** A label on the left and its value on the right (an amount on an invoice). */
  pair(label: string, value: string, o: { bold?: boolean; size?: number } = {}): void {
    const font = o.bold ? this.fonts.bold : this.fonts.regular;
    const size = o.size ?? 10;
    const leading = size * 1.5;
    const right = this.clean(value);
    const rightWidth = font.widthOfTextAtSize(right, size);
    const lines = wrapText(this.clean(label), CONTENT_WIDTH - rightWidth - 24, (s) =>
      font.widthOfTextAtSize(s, size),
    );
    lines.forEach((line, i) => {
      this.ensure(leading);
      this.y -= leading;
      this.page.drawText(line, { x: MARGIN.x, y: this.y + (leading - size), size, font, color: INK });
      if (i === 0) {
        this.page.drawText(right, {
          x: MARGIN.x + CONTENT_WIDTH - rightWidth,
          y: this.y + (leading - size),
          size,
          font,
          color: INK,
        });
      }
    });
  }

  rule(): void {
    this.ensure(12);
    this.y -= 6;
    this.page.drawLine({
      start: { x: MARGIN.x, y: this.y },
      end: { x: MARGIN.x + CONTENT_WIDTH, y: this.y },
      thickness: 0.75,
      color: LINE,
    });
    this.y -= 6;
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** The finished PDF, each page footed with `footer` and "Page i of n". */
  async save(footer: string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    const font = this.fonts.regular;
    const text = this.clean(footer);
    pages.forEach((page, i) => {
      const number = `Page ${i + 1} of ${pages.length}`;
      page.drawText(text, { x: MARGIN.x, y: MARGIN.bottom / 2, size: 8, font, color: MUTED });
      page.drawText(number, {
        x: MARGIN.x + CONTENT_WIDTH - font.widthOfTextAtSize(number, 8),
        y: MARGIN.bottom / 2,
        size: 8,
        font,
        color: MUTED,
      });
    });
    return this.doc.save();
  }
}
