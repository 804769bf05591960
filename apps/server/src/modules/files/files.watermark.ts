import { loadSharp } from "../../platform/sharp";

/**
 * A watermarked preview of an image (protected deliveries, API.md section 12): the picture at most
 * 1200 px wide, under a repeated diagonal "PREVIEW · Atelier" band, re-encoded (which also drops
 * the original's metadata and content credential: a preview is not the delivered work). JPEG stays
 * JPEG; every other image type becomes PNG.
 */
export async function watermarkImage(original: Buffer): Promise<{ bytes: Buffer; contentType: string }> {
  const sharp = await loadSharp();
  const base = sharp(original, { failOn: "none" }).rotate().resize({ width: 1200, withoutEnlargement: true });
  const { data, info } = await base.toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const size = Math.max(14, Math.round(Math.min(width, height) / 8));
  const rows: string[] = [];
  for (let y = -height; y < height * 2; y += size * 3) {
    rows.push(
      `<text x="${-width}" y="${y}" font-size="${size}" font-family="sans-serif" font-weight="700" ` +
        `fill="white" fill-opacity="0.55" stroke="black" stroke-opacity="0.35" stroke-width="1">` +
        `${"PREVIEW · Atelier   ".repeat(Math.ceil((width * 3) / (size * 10)))}</text>`,
    );
  }
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<g transform="rotate(-30 ${width / 2} ${height / 2})">${rows.join("")}</g></svg>`,
  );
  const marked = sharp(data).composite([{ input: svg, top: 0, left: 0 }]);
  const isJpeg = info.format === "jpeg";
  const bytes = isJpeg ? await marked.jpeg({ quality: 70 }).toBuffer() : await marked.png().toBuffer();
  return { bytes, contentType: isJpeg ? "image/jpeg" : "image/png" };
}
