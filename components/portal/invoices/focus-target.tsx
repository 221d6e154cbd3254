"use client";

import { useEffect } from "react";

/** Brings the element with `id` into view and focus once (a deep link such as ?action=pay). */
export function FocusTarget({ id }: { id: string }) {
  useEffect(() => {
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
  }, [id]);
  return null;
}
