import { useNavigate } from "@tanstack/react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { FileInput } from "../../components/order/FileInput";
import { TextAreaField, TextField } from "../../components/TextField";
import { describeError, uploadFile } from "../../lib/api";
import { parseMoneyInput } from "../../lib/moneyInput";
import { createBrief, negotiationKeys } from "../../lib/negotiation";
import { usePageTitle } from "../../lib/usePageTitle";

/** How many files a brief takes (API.md section 13: `fileIds`, at most 10). */
const MAX_FILES = 10;

/** A buyer describes a need; the fitting sellers are told and answer with offers. */
export function BriefFormPage() {
  usePageTitle("Post a brief");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState("");
  const [budget, setBudget] = useState("");
  const [deadline, setDeadline] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: createBrief,
    onSuccess: async (brief) => {
      queryClient.setQueryData(negotiationKeys.brief(brief.id), brief);
      void queryClient.invalidateQueries({ queryKey: negotiationKeys.myBriefs });
      await navigate({ to: "/briefs/$briefId", params: { briefId: brief.id } });
    },
    onError: (e) => setError(describeError(e)),
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!title.trim() || !description.trim())
      return setError("Give your brief a title and describe what you need.");
    const max = budget.trim() === "" ? null : parseMoneyInput(budget, "USD");
    if (budget.trim() !== "" && (max === null || max <= 0))
      return setError("The budget must be an amount, such as 150.");
    if (files.length > MAX_FILES) return setError(`Attach at most ${MAX_FILES} files.`);
    setError(null);
    // Uploaded only now, so a form left unsent stores nothing; only the sellers told can read them.
    const fileIds: string[] = [];
    try {
      setUploading(true);
      for (const file of files) fileIds.push((await uploadFile(file)).id);
    } catch (e) {
      return setError(describeError(e));
    } finally {
      setUploading(false);
    }
    mutation.mutate({
      title: title.trim(),
      description: description.trim(),
      fileIds,
      ...(category.trim() ? { categorySlug: category.trim() } : {}),
      ...(max !== null ? { budget: { max: { amount: max, currency: "USD" } } } : {}),
      ...(deadline ? { deadline } : {}),
    });
  }

  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold">Post a brief</h1>
      <p className="mt-2 text-stone-600">
        Describe what you need in your own words. We send it to up to 20 sellers whose gigs fit, and they
        answer with custom offers.
      </p>
      <form noValidate onSubmit={(e) => void onSubmit(e)} className="mt-6 space-y-4">
        {error ? <FormAlert>{error}</FormAlert> : null}
        <TextField label="Title" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} />
        <TextAreaField
          label="What do you need?"
          rows={6}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Category (optional)"
            hint="For example: illustration"
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          />
          <TextField
            label="Budget, USD (optional)"
            inputMode="decimal"
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
          />
          <TextField
            label="Deadline (optional)"
            type="date"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        </div>
        <FileInput
          name="files"
          label="Files (optional)"
          hint={`Sketches, examples or documents, up to ${MAX_FILES}. Only the sellers we send the brief to can open them.`}
          files={files}
          onChange={setFiles}
        />
        <Button type="submit" loading={uploading || mutation.isPending}>
          {uploading ? "Uploading files…" : "Post brief"}
        </Button>
      </form>
    </div>
  );
}
