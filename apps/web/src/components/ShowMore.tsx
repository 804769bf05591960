import type { ReactNode } from "react";
import { Button } from "./Button";

/** The part of an infinite query a "show more" button needs. */
interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** A centred "Show more …" button under a paged list: loads the next page, busy while it comes, gone at the end. */
export function ShowMore({ pages, children }: { pages: Pages; children: ReactNode }) {
  if (!pages.hasNextPage) return null;
  return (
    <div className="mt-6 text-center">
      <Button
        variant="secondary"
        loading={pages.isFetchingNextPage}
        onClick={() => void pages.fetchNextPage()}
      >
        {children}
      </Button>
    </div>
  );
}
