"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

// While a domain is on its way (waiting for DNS, verified, issuing), the page re-renders from the
// server every few seconds, so its status moves by itself; it stops once every domain is settled.
// No animation: nothing here needs prefers-reduced-motion.
export function AutoRefresh({ active, everyMs = 3000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
