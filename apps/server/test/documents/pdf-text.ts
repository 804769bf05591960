import { extractText, getDocumentProxy } from "unpdf";

/**
 * The text of a PDF as a reader would copy it, read back with PDF.js (through unpdf, pure
 * JavaScript): each page's text, and all of it with runs of white space made one space.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  const pages = text.map((page) => page.replace(/\s+/g, " ").trim());
  return { pages, text: pages.join(" ") };
}
