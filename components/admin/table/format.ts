// Dates and table styles shared by the admin's tables (Developers, Business).
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export const when = (d: Date | null | undefined) => (d ? `${dateTime.format(d)} UTC` : "—");

export const tableWrap = "overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm";
export const tableClass = "w-full text-left text-sm";
export const captionClass = "px-5 pt-4 pb-2 text-left text-base font-semibold text-slate-900";
export const thClass = "px-4 py-2 font-medium text-slate-600";
export const tdClass = "px-4 py-3 align-top text-slate-800";
