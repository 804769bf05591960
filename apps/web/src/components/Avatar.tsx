/** Initials on a calm tint, until users can upload pictures. */
export function Avatar({ name, size = "md" }: { name: string; size?: "sm" | "md" | "xl" }) {
  const initials =
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part.charAt(0).toUpperCase())
      .join("") || "?";
  const sizes = { sm: "size-8 text-xs", md: "size-10 text-sm", xl: "size-16 text-xl sm:size-24 sm:text-3xl" };
  return (
    <span
      aria-hidden="true"
      className={`inline-grid shrink-0 place-items-center rounded-full bg-brand-100 font-semibold text-brand-800 ${sizes[size]}`}
    >
      {initials}
    </span>
  );
}
