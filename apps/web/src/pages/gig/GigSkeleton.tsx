import { LoadingRegion, Skeleton } from "../../components/Skeleton";

export function GigSkeleton() {
  return (
    <LoadingRegion label="Loading gig">
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <Skeleton className="h-4 w-48" />
        <div className="mt-6 grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-12">
          <div className="space-y-5">
            <Skeleton className="h-10 w-5/6" />
            <div className="flex items-center gap-3">
              <Skeleton className="size-10 rounded-full" />
              <Skeleton className="h-4 w-40" />
            </div>
            <Skeleton className="aspect-[4/3] w-full rounded-2xl" />
          </div>
          <div className="space-y-4 rounded-2xl border border-stone-200 bg-white p-5">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-8 w-1/2" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-4/5" />
            <Skeleton className="h-12 w-full rounded-full" />
          </div>
        </div>
      </div>
    </LoadingRegion>
  );
}
