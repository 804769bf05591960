/**
 * Says that a search was relaxed (API.md section 14): not every service matches every word, so
 * services matching all of them come first, then those matching most of them.
 */
export function RelaxedResultsNotice({ relaxed }: { relaxed: boolean | undefined }) {
  if (!relaxed) return null;
  return (
    <p className="mt-3 text-stone-700" data-testid="relaxed-results">
      Showing results for some of your words: services matching all of them come first.
    </p>
  );
}
