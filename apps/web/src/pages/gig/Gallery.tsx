import type { Gig } from "@atelier/contracts";
import { useState } from "react";
import { GigCover } from "../../components/GigCard";

export function Gallery({ gig }: { gig: Gig }) {
  const [index, setIndex] = useState(0);
  const images = gig.images;
  const current = images[Math.min(index, images.length - 1)];
  if (!current) {
    return (
      <GigCover
        url={null}
        title={gig.title}
        className="w-full rounded-2xl border border-stone-200 text-5xl"
      />
    );
  }
  return (
    <div>
      <img
        src={current.url}
        alt={`${gig.title}, image ${Math.min(index, images.length - 1) + 1} of ${images.length}`}
        width={800}
        height={600}
        className="aspect-[4/3] w-full rounded-2xl border border-stone-200 bg-stone-100 object-cover"
      />
      {images.length > 1 ? (
        <ul aria-label="Gallery" className="relative mt-3 flex gap-2 overflow-x-auto pb-1">
          {images.map((image, position) => (
            <li key={image.fileId} className="shrink-0">
              <button
                type="button"
                onClick={() => setIndex(position)}
                aria-pressed={position === index}
                aria-label={`Show image ${position + 1}`}
                className="block overflow-hidden rounded-lg border-2 border-transparent aria-pressed:border-brand-600"
              >
                <img
                  src={image.thumbUrl}
                  alt=""
                  width={96}
                  height={72}
                  className="h-[72px] w-24 object-cover"
                />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
