import type { Order } from "@atelier/contracts";
import { useState } from "react";
import { describeError } from "../../lib/api";
import { downloadDocument } from "../../lib/downloads";
import { Button } from "../Button";
import { FormAlert } from "../FormAlert";

interface OrderDocument {
  label: string;
  hint: string;
  path: string;
  fileName: string;
}

/** The order's PDFs: the buyer's invoice, and the evidence pack for both parties (and admins). */
export function OrderDocuments({ order }: { order: Order }) {
  const documents: OrderDocument[] = [];
  if (order.viewerRole === "buyer") {
    documents.push({
      label: "Download invoice",
      hint: "A numbered invoice with what you paid.",
      path: `/api/orders/${order.id}/invoice`,
      fileName: `atelier-invoice-${order.id}.pdf`,
    });
  }
  documents.push({
    label: "Download evidence pack",
    hint: "The timeline, messages, deliveries with their hashes and receipts, and the acceptance.",
    path: `/api/orders/${order.id}/evidence`,
    fileName: `atelier-evidence-${order.id}.pdf`,
  });
  return (
    <section aria-labelledby="documents-title" className="rounded-2xl border border-stone-200 bg-white p-5">
      <h2 id="documents-title" className="font-semibold text-stone-900">
        Documents
      </h2>
      <ul className="mt-3 space-y-4">
        {documents.map((item) => (
          <DocumentDownload key={item.path} item={item} />
        ))}
      </ul>
    </section>
  );
}

function DocumentDownload({ item }: { item: OrderDocument }) {
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setError(null);
    setLoading(true);
    try {
      await downloadDocument(item.path, item.fileName);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  }

  return (
    <li className="space-y-2">
      <Button variant="secondary" size="sm" loading={loading} onClick={() => void download()}>
        {item.label}
      </Button>
      <p className="text-xs text-stone-600" aria-live="polite">
        {loading ? "Preparing the PDF…" : item.hint}
      </p>
      {error ? <FormAlert>{error}</FormAlert> : null}
    </li>
  );
}
