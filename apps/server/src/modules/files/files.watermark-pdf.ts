import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont } from "pdf-lib";

/** Keeps what the standard fonts (WinAnsi) can draw; a label with other characters still stamps. */
function drawable(text: string, font: PDFFont): string {
  const charset = new Set(font.getCharacterSet());
  return [...text].map((ch) => (charset.has(ch.codePointAt(0) ?? 0) ? ch : "?")).join("");
}

/**
 * A watermarked preview of a PDF (protected deliveries, API.md section 12): every page stamped with
 * a large diagonal "PREVIEW" and, along it, `label` (the gig and its seller) and "Atelier". The
 * stamp is drawn over the page's content. The document's metadata is replaced, so the preview does
 * not pass for the delivered file. A PDF pdf-lib cannot open (damaged, encrypted) gets a one-page
 * preview saying so: the buyer never receives the unstamped original before completion.
 */
export async function watermarkPdf(original: Uint8Array, label: string): Promise<Buffer> {
  try {
    return await stamped(original, label);
  } catch {
    // pdf-lib reads damaged files leniently and fails later (no page tree, a broken object).
    return unreadablePreview(label);
  }
}

async function stamped(original: Uint8Array, label: string): Promise<Buffer> {
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const pages = doc.getPages();
  if (pages.length === 0) throw new Error("a PDF without pages");
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const caption = drawable(`${label} · Atelier`, regular);
  for (const page of pages) {
    const { x, y, width, height } = page.getCropBox();
    const angle = Math.atan2(height, width);
    const diagonal = Math.hypot(width, height);
    const size = Math.max(24, Math.min(160, (diagonal * 0.6) / bold.widthOfTextAtSize("PREVIEW", 1)));
    const textWidth = bold.widthOfTextAtSize("PREVIEW", size);
    // Start so that the word's middle sits on the page's centre, along the diagonal.
    const cx = x + width / 2;
    const cy = y + height / 2;
    const along = (d: number, across: number) => ({
      x: cx + d * Math.cos(angle) - across * Math.sin(angle),
      y: cy + d * Math.sin(angle) + across * Math.cos(angle),
    });
    page.drawText("PREVIEW", {
      ...along(-textWidth / 2, -size / 3),
      size,
      font: bold,
      color: rgb(0.75, 0.1, 0.1),
      opacity: 0.3,
      rotate: degrees((angle * 180) / Math.PI),
    });
    const captionSize = Math.max(8, size / 6);
    const captionWidth = regular.widthOfTextAtSize(caption, captionSize);
    page.drawText(caption, {
      ...along(-captionWidth / 2, -size / 3 - captionSize * 1.8),
      size: captionSize,
      font: regular,
      color: rgb(0.2, 0.2, 0.2),
      opacity: 0.55,
      rotate: degrees((angle * 180) / Math.PI),
    });
  }
  doc.setTitle(`Preview: ${drawable(label, regular)}`);
  doc.setProducer("Atelier preview");
  doc.setKeywords(["preview"]);
  return Buffer.from(await doc.save());
}

async function unreadablePreview(label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  const lines = [
    "PREVIEW",
    drawable(label, font),
    "This PDF cannot be shown as a preview.",
    "The delivered file is yours to download once you accept the order.",
  ];
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 760 - i * 24, size: i === 0 ? 20 : 12, font }));
  return Buffer.from(await doc.save());
}
