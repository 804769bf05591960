import type { Message } from "@atelier/contracts";
import { ReportButton } from "../../components/report/ReportButton";
import { AlertIcon } from "../../components/icons";
import { formatDateTime, formatRelativeTime } from "../../lib/format";
import { OFF_PLATFORM_WARNING } from "../../lib/messaging";
import { formatFileSize } from "../../lib/orders";
import { OfferCard } from "./OfferCard";
import { PaperclipIcon } from "./PaperclipIcon";

export function MessageItem({
  message,
  mine,
  senderName,
  showReceipt,
  viewer,
}: {
  message: Message;
  mine: boolean;
  senderName: string;
  showReceipt: boolean;
  /** The signed-in user's username: an offer card shows the buyer's or the seller's actions. */
  viewer: string;
}) {
  const flagged = message.flags.includes("off_platform_contact");
  return (
    <li className={`flex flex-col ${mine ? "items-end" : "items-start"}`}>
      <p className="mb-1 text-xs text-stone-600">
        <span className="font-medium text-stone-700">{senderName}</span>
        {" · "}
        <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
          {formatRelativeTime(message.createdAt)}
        </time>
      </p>
      {message.offerId ? (
        <OfferCard offerId={message.offerId} viewer={viewer} />
      ) : (
        <div
          className={`max-w-[85%] rounded-2xl px-4 py-2.5 text-[15px] leading-relaxed ${mine ? "rounded-br-md bg-brand-700 text-white" : "rounded-bl-md bg-stone-100 text-stone-900"}`}
        >
          {/* Plain text, rendered as text: React escapes it, and line breaks are kept by CSS. */}
          <p className="break-words whitespace-pre-wrap">{message.body}</p>
          {message.files.length > 0 ? (
            <ul aria-label="Attachments" className="mt-2 space-y-1">
              {message.files.map((file) => (
                <li key={file.id}>
                  <a
                    href={file.url}
                    download={file.name}
                    className={`inline-flex items-center gap-1.5 rounded-md text-sm font-medium underline underline-offset-2 ${mine ? "text-white" : "text-brand-800"}`}
                  >
                    <PaperclipIcon />
                    {file.name}
                    <span className={mine ? "text-brand-100" : "text-stone-600"}>
                      ({formatFileSize(file.size)})
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
      {flagged ? (
        <div
          role="note"
          className="mt-2 flex max-w-[85%] items-start gap-2 rounded-xl border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <div>
            <p className="font-semibold">Keep payments and contact on Atelier</p>
            <p>{message.warning ?? OFF_PLATFORM_WARNING}</p>
          </div>
        </div>
      ) : null}
      {mine ? null : <ReportButton subject={{ type: "message", id: message.id }} className="mt-1 text-xs" />}
      {mine && showReceipt ? (
        <p className="mt-1 text-xs text-stone-600">
          {message.readAt ? `Read ${formatRelativeTime(message.readAt)}` : "Sent"}
        </p>
      ) : null}
    </li>
  );
}
