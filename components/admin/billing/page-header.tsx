import type { ReactNode } from "react";
import type { StaffContext } from "@/lib/staff/access";

// The heading of a Business list page, saying which organization's data it shows (live or test).
export function PageHeader({ title, staff, description, actions }: { title: string; staff: StaffContext; description: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {description} {staff.testMode ? "Test mode: sandbox data only." : null}
        </p>
      </div>
      {actions}
    </div>
  );
}
