import { useState } from "react";
import { StarFilledIcon, StarIcon } from "./icons";

const WORDS = ["Poor", "Fair", "Good", "Very good", "Excellent"];

/**
 * Five radio buttons drawn as stars: arrow keys move between them, and each is read out as
 * "4 stars, Very good".
 */
export function StarRatingInput({
  name,
  legend,
  hint,
  value,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  hint?: string;
  value: number;
  onChange: (value: number) => void;
  error?: string | undefined;
}) {
  const [hover, setHover] = useState(0);
  const shown = hover || value;
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      {hint ? <p className="mt-0.5 text-sm text-stone-600">{hint}</p> : null}
      <div className="mt-1.5 flex items-center gap-1" onMouseLeave={() => setHover(0)}>
        {[1, 2, 3, 4, 5].map((star) => (
          <label
            key={star}
            className="relative cursor-pointer rounded-md p-0.5 text-amber-500 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
            onMouseEnter={() => setHover(star)}
          >
            <input
              type="radio"
              name={name}
              value={star}
              checked={value === star}
              onChange={() => onChange(star)}
              // Invisible but covering the star, so a click or tap lands on the radio itself.
              className="absolute inset-0 m-0 size-full cursor-pointer appearance-none opacity-0"
            />
            <span className="sr-only">
              {star === 1 ? "1 star" : `${star} stars`}, {WORDS[star - 1]}
            </span>
            {star <= shown ? (
              <StarFilledIcon className="size-7" />
            ) : (
              <StarIcon className="size-7 text-stone-400" />
            )}
          </label>
        ))}
        <span aria-hidden="true" className="ml-2 text-sm text-stone-600">
          {shown ? WORDS[shown - 1] : ""}
        </span>
      </div>
      {error ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A read-only row of stars with the number for screen readers. */
export function Stars({ value, className = "size-4" }: { value: number; className?: string }) {
  return (
    <span
      className="inline-flex items-center gap-0.5 text-amber-500"
      role="img"
      aria-label={`${value} out of 5 stars`}
    >
      {[1, 2, 3, 4, 5].map((star) =>
        star <= Math.round(value) ? (
          <StarFilledIcon key={star} className={className} />
        ) : (
          <StarIcon key={star} className={`${className} text-stone-300`} />
        ),
      )}
    </span>
  );
}
