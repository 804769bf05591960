import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { GENERATED_END, GENERATED_START, generatedSection } from "../modules/orders/orders.diagram";

/** Rewrites the generated part of docs/orders.md from the transition table. */
const file = path.resolve(import.meta.dirname, "../../../../docs/orders.md");
const text = await readFile(file, "utf8");
const start = text.indexOf(GENERATED_START);
const end = text.indexOf(GENERATED_END);
if (start < 0 || end < 0) throw new Error("docs/orders.md lacks the generated-section markers");
await writeFile(file, text.slice(0, start) + generatedSection() + text.slice(end + GENERATED_END.length));
process.stdout.write("docs/orders.md updated\n");
