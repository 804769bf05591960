import type { Brief } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGig } from "../api/search.helpers";
import { startTestServer, type TestServer } from "../harness";
import { expectProblem, newParty, type Party } from "../orders/orders.helpers";
import { downloadAs, sha256, uploadAs } from "./negotiation.helpers";

let server: TestServer;
let buyer: Party;
let matched: Party;
let unmatched: Party;
let stranger: Party;

// Bytes that are not text: a PDF header and binary content, so a download that decoded and
// re-encoded them would not hash the same.
const sketch = Buffer.concat([
  Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1"),
  Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 256)),
  Buffer.from("\n%%EOF\n"),
]);
const guestList = Buffer.from("Guest list\nAda Lovelace\nGrace Hopper\n", "utf8");

beforeAll(async () => {
  server = await startTestServer();
  [buyer, matched, unmatched, stranger] = await Promise.all([
    newParty(server),
    newParty(server, "seller"),
    newParty(server, "seller"),
    newParty(server),
  ]);
  await buildGig(server.deps, matched.id, {
    title: "I will design a letterpress menu for your bistro",
    category: "illustration",
  });
  await buildGig(server.deps, unmatched.id, { title: "I will write SEO blog posts", category: "seo" });
});
afterAll(() => server.close());

describe("a brief's files", () => {
  let brief: Brief;
  let pdfId: string;
  let textId: string;

  it("attaches the buyer's own uploads and names them in the brief", async () => {
    const pdf = await uploadAs(buyer.client, sketch, "menu-sketch.pdf");
    const text = await uploadAs(buyer.client, guestList, "guests.txt");
    [pdfId, textId] = [pdf.id, text.id];
    const res = await buyer.client.post<Brief>("/api/briefs", {
      title: "Letterpress bistro menu",
      description: "A letterpress menu design for my bistro, see the sketch attached.",
      fileIds: [pdf.id, text.id],
    });
    expect(res.status).toBe(201);
    brief = res.body;
    expect(brief.matches.map((m) => m.seller.username)).toEqual([matched.username]);
    expect(brief.fileIds).toEqual([pdf.id, text.id]);
    expect(brief.files).toEqual([
      {
        id: pdf.id,
        name: "menu-sketch.pdf",
        size: sketch.length,
        contentType: "application/pdf",
        url: `/api/files/${pdf.id}`,
      },
      expect.objectContaining({ id: text.id, name: "guests.txt", size: guestList.length }),
    ]);
  });

  it("lets the matched seller see and download them byte for byte", async () => {
    const inbox = await matched.client.get<{ data: Brief[] }>("/api/briefs/inbox");
    expect(inbox.body.data[0]!.files.map((f) => f.name)).toEqual(["menu-sketch.pdf", "guests.txt"]);
    const page = await matched.client.get<Brief>(`/api/briefs/${brief.id}`);
    expect(page.body.files.map((f) => f.id)).toEqual([pdfId, textId]);
    for (const [id, bytes] of [
      [pdfId, sketch],
      [textId, guestList],
    ] as const) {
      const got = await downloadAs(server, matched.client, `/api/files/${id}`);
      expect(got.status).toBe(200);
      expect(sha256(got.bytes)).toBe(sha256(bytes));
    }
    // The buyer, who uploaded them, downloads them too.
    expect(sha256((await downloadAs(server, buyer.client, `/api/files/${pdfId}`)).bytes)).toBe(
      sha256(sketch),
    );
  });

  it("answers 404 to a seller it was not sent to, to another member and to anonymous visitors", async () => {
    for (const client of [unmatched.client, stranger.client, null]) {
      const got = await downloadAs(server, client, `/api/files/${pdfId}`);
      expect(got.status).toBe(404);
      expect(got.bytes.includes(Buffer.from("%PDF"))).toBe(false);
    }
    expectProblem(await unmatched.client.get(`/api/files/${pdfId}/meta`), 404, "not_found");
  });

  it("refuses a file the buyer did not upload, naming it", async () => {
    const foreign = await uploadAs(stranger.client, guestList, "theirs.txt");
    const res = await buyer.client.post("/api/briefs", {
      title: "Letterpress bistro menu",
      description: "A letterpress menu for my bistro.",
      fileIds: [textId, foreign.id],
    });
    expectProblem(res, 400, "validation_failed");
    expect(JSON.stringify(res.body)).toContain("fileIds.1");
    // Nothing was shared with the stranger's file: the matched seller still cannot read it.
    expect((await downloadAs(server, matched.client, `/api/files/${foreign.id}`)).status).toBe(404);
  });
});
