import { GIG_LIMITS, GigSchema, type Gig } from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ChangeEvent } from "react";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { api, describeError, isApiError, read, uploadFile } from "../../lib/api";
import { gigQueryOptions } from "../../lib/catalog";
import { formatCount } from "../../lib/format";
import { StepFooter } from "./StepFooter";
import { StepIntro } from "./StepIntro";
import { refreshGigLists } from "./editorHelpers";

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"];

export function GalleryStep({ gig, onBack, onNext }: { gig: Gig; onBack: () => void; onNext: () => void }) {
  const queryClient = useQueryClient();
  const current = useQuery(gigQueryOptions(gig.id)).data ?? gig;
  const images = current.images;
  const inputId = useId();
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const room = GIG_LIMITS.images.max - images.length;

  const arrange = useMutation({
    mutationFn: (fileIds: string[]) =>
      read(
        GigSchema,
        api.PUT("/api/gigs/{id}/images", { params: { path: { id: gig.id } }, body: { fileIds } }),
      ),
    onMutate: () => setError(null),
    onSuccess: (saved) => refreshGigLists(queryClient, saved),
    onError: (failure) => {
      const first = isApiError(failure, 400) ? failure.errors[0]?.message : undefined;
      setError(first ? `One image was refused: it ${first}.` : describeError(failure));
    },
  });

  async function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    input.value = "";
    if (files.length === 0) return;
    const refused = files.filter((file) => !IMAGE_TYPES.includes(file.type));
    const accepted = files.filter((file) => IMAGE_TYPES.includes(file.type)).slice(0, Math.max(0, room));
    const notes: string[] = [];
    if (refused.length > 0)
      notes.push(`${refused.map((file) => file.name).join(", ")}: use JPEG, PNG or WebP.`);
    if (files.length - refused.length > accepted.length) {
      notes.push(`A gig has at most ${GIG_LIMITS.images.max} images; the rest were left out.`);
    }
    setError(notes.length > 0 ? notes.join(" ") : null);
    if (accepted.length === 0) return;
    setUploading(accepted.length);
    try {
      const uploaded: string[] = [];
      for (const file of accepted) {
        uploaded.push((await uploadFile(file)).id);
        setUploading((count) => count - 1);
      }
      arrange.mutate([...images.map((image) => image.fileId), ...uploaded]);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setUploading(0);
    }
  }

  function move(from: number, to: number) {
    const ids = images.map((image) => image.fileId);
    const [moved] = ids.splice(from, 1);
    if (moved === undefined) return;
    ids.splice(to, 0, moved);
    arrange.mutate(ids);
  }

  const busy = uploading > 0 || arrange.isPending;
  return (
    <section className="mt-8">
      <StepIntro title="Gallery">
        Show your work. The first image is the cover buyers see in search. Use JPEG, PNG or WebP; 4:3 images
        of at least 800 × 600 pixels look best.
      </StepIntro>
      {error ? (
        <div className="mb-4">
          <FormAlert>{error}</FormAlert>
        </div>
      ) : null}
      <p role="status" className="mb-4 text-sm text-stone-700">
        {uploading > 0
          ? `Uploading ${formatCount(uploading, "image", "images")}…`
          : arrange.isPending
            ? "Saving the gallery…"
            : `${images.length} of ${GIG_LIMITS.images.max} images`}
      </p>
      {images.length > 0 ? (
        <ol className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 md:grid-cols-3">
          {images.map((image, index) => (
            <li key={image.fileId} className="overflow-hidden rounded-2xl border border-stone-200 bg-white">
              <div className="relative">
                <img
                  src={image.thumbUrl}
                  alt={`Gallery image ${index + 1}${index === 0 ? " (cover)" : ""}`}
                  width={400}
                  height={300}
                  className="aspect-[4/3] w-full bg-stone-100 object-cover"
                />
                {index === 0 ? (
                  <span className="absolute top-2 left-2 rounded-full bg-brand-700 px-2.5 py-0.5 text-xs font-semibold text-white">
                    Cover
                  </span>
                ) : null}
              </div>
              <div className="flex flex-wrap gap-1 p-2">
                {index > 0 ? (
                  <Button variant="ghost" size="sm" disabled={busy} onClick={() => move(index, 0)}>
                    Make cover
                  </Button>
                ) : null}
                {index > 0 ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={busy}
                    aria-label={`Move image ${index + 1} earlier`}
                    onClick={() => move(index, index - 1)}
                  >
                    ←
                  </Button>
                ) : null}
                {index < images.length - 1 ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={busy}
                    aria-label={`Move image ${index + 1} later`}
                    onClick={() => move(index, index + 1)}
                  >
                    →
                  </Button>
                ) : null}
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={busy}
                  className="ml-auto text-red-700"
                  aria-label={`Remove image ${index + 1}`}
                  onClick={() =>
                    arrange.mutate(images.filter((_, i) => i !== index).map((item) => item.fileId))
                  }
                >
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <div className="rounded-2xl border border-dashed border-stone-300 bg-white/60 px-6 py-10 text-center text-stone-600">
          No images yet. Gigs with a cover image get far more clicks.
        </div>
      )}
      {room > 0 ? (
        <div className="mt-6">
          <label htmlFor={inputId} className="block text-sm font-medium text-stone-800">
            Add images
          </label>
          <input
            id={inputId}
            type="file"
            accept={IMAGE_TYPES.join(",")}
            multiple
            disabled={busy}
            onChange={(event) => void onFiles(event)}
            className="mt-2 block w-full text-sm text-stone-700 file:mr-4 file:rounded-full file:border-0 file:bg-brand-700 file:px-4 file:py-2.5 file:text-sm file:font-medium file:text-white hover:file:bg-brand-800"
          />
          <p className="mt-1.5 text-sm text-stone-600">
            Up to {formatCount(room, "more image", "more images")}.
          </p>
        </div>
      ) : null}
      <StepFooter
        back={onBack}
        primary={
          <Button size="lg" onClick={onNext} disabled={busy}>
            Continue to publish
          </Button>
        }
      />
    </section>
  );
}
