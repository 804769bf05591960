import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { describeError, uploadFile } from "../../lib/api";
import { messagingKeys, sendMessage } from "../../lib/messaging";

const MAX_FILES = 10;

const MAX_BODY = 5000;

export function Composer({
  conversationId,
  recipientName,
}: {
  conversationId: string;
  recipientName: string;
}) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const textId = useId();
  const fileId = useId();
  const hintId = useId();
  const fileInputRef = useRef<HTMLInputElement>(null);

  const send = useMutation({
    mutationFn: async () => {
      const fileIds: string[] = [];
      for (const file of files) fileIds.push((await uploadFile(file)).id);
      return sendMessage(conversationId, { body: body.trim(), fileIds });
    },
    onSuccess: () => {
      setBody("");
      setFiles([]);
      if (fileInputRef.current) fileInputRef.current.value = "";
      void queryClient.invalidateQueries({ queryKey: messagingKeys.messages(conversationId) });
      void queryClient.invalidateQueries({ queryKey: messagingKeys.conversationList });
    },
  });

  const trimmed = body.trim();
  const tooMany = files.length > MAX_FILES;
  const canSend = trimmed.length > 0 && trimmed.length <= MAX_BODY && !tooMany && !send.isPending;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (canSend) send.mutate();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3 border-t border-stone-100 px-4 py-3" aria-label="Reply">
      {send.isError ? <FormAlert>{describeError(send.error)}</FormAlert> : null}
      <div>
        <label htmlFor={textId} className="sr-only">
          Message to {recipientName}
        </label>
        <textarea
          id={textId}
          rows={3}
          value={body}
          maxLength={MAX_BODY}
          aria-describedby={hintId}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={`Write to ${recipientName}…`}
          className="block w-full resize-y rounded-xl border border-stone-300 bg-white px-3.5 py-2.5 text-base text-stone-900 placeholder:text-stone-500 hover:border-stone-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600"
        />
        <p id={hintId} className="mt-1 text-xs text-stone-600">
          Ctrl + Enter sends. Keep contact and payments on Atelier: that’s what keeps you protected.
        </p>
      </div>
      {files.length > 0 ? (
        <ul aria-label="Files to send" className="flex flex-wrap gap-2 text-sm">
          {files.map((file, index) => (
            <li
              key={`${file.name}-${index}`}
              className="flex items-center gap-2 rounded-full border border-stone-200 bg-stone-50 py-1 pr-1 pl-3"
            >
              <span className="max-w-48 truncate">{file.name}</span>
              <button
                type="button"
                className="rounded-full px-2 text-stone-600 hover:bg-stone-200 hover:text-stone-900"
                aria-label={`Remove ${file.name}`}
                onClick={() => setFiles((list) => list.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {tooMany ? (
        <p className="text-sm text-red-700">Attach at most {MAX_FILES} files to one message.</p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <input
            ref={fileInputRef}
            id={fileId}
            type="file"
            multiple
            className="peer sr-only"
            onChange={(event) => {
              const chosen = Array.from(event.target.files ?? []);
              setFiles((list) => [...list, ...chosen]);
              event.target.value = "";
            }}
          />
          <label
            htmlFor={fileId}
            className="cursor-pointer rounded-full px-3 py-2 text-sm font-medium text-stone-700 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-600 hover:bg-stone-100"
          >
            Attach files
          </label>
        </div>
        <Button type="submit" disabled={!canSend} loading={send.isPending}>
          Send
        </Button>
      </div>
    </form>
  );
}
