import { type ReactNode } from "react";
import { Button } from "../../components/Button";

export function StepFooter({ back, primary }: { back: (() => void) | undefined; primary: ReactNode }) {
  return (
    <div className="mt-10 flex flex-col-reverse gap-3 border-t border-stone-200 pt-6 sm:flex-row sm:items-center sm:justify-between">
      {back ? (
        <Button variant="ghost" size="lg" onClick={back}>
          Back
        </Button>
      ) : (
        <span />
      )}
      {primary}
    </div>
  );
}
