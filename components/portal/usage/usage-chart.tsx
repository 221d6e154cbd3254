import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatDate, formatNumber } from "@/lib/invoices/format";
import type { UsageDay } from "@/lib/portal/usage";

const BAR = 12;
const GAP = 4;
const HEIGHT = 120;
const AXIS = 18;

const shortDay = (day: Date, locale: string) => new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", timeZone: "UTC" }).format(day);

/**
 * Daily usage as server-rendered SVG bars. Screen readers get the chart's summary (title and
 * description), and everyone can open the same numbers as a table.
 */
export function UsageChart({ id, name, days, locale }: { id: string; name: string; days: UsageDay[]; locale: Locale }) {
  const t = pick(portalManageMessages, locale).usage;
  const max = Math.max(0, ...days.map((d) => d.quantity));
  const total = days.reduce((sum, d) => sum + d.quantity, 0);
  const peak = days.find((d) => d.quantity === max) ?? days[0];
  const width = Math.max(days.length * (BAR + GAP), 1);
  const summary = max === 0 || !peak ? t.chartEmpty : t.chartSummary(days.length, formatNumber(total, locale), formatNumber(max, locale), formatDate(peak.day, locale, "medium"));
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  return (
    <figure className="mt-4" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm font-medium text-zinc-900">{t.chartTitle(name)}</figcaption>
      <div className="mt-2 overflow-x-auto">
        <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${HEIGHT + AXIS}`} width={width} height={HEIGHT + AXIS} className="max-w-none">
          <title id={`${id}-title`}>{t.chartTitle(name)}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          <line x1={0} x2={width} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} className="stroke-zinc-400" strokeWidth={1} />
          {days.map((d, i) => {
            const h = max === 0 ? 0 : Math.max(d.quantity > 0 ? 2 : 0, Math.round((d.quantity / max) * (HEIGHT - 8)));
            return (
              <g key={d.day.toISOString()}>
                <rect x={i * (BAR + GAP)} y={HEIGHT - h} width={BAR} height={h} rx={2} className="fill-[var(--brand)]" />
                {i % labelEvery === 0 ? (
                  <text x={i * (BAR + GAP)} y={HEIGHT + 13} className="fill-zinc-700" fontSize={9}>
                    {shortDay(d.day, locale)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <p className="mt-1 text-sm text-zinc-600">{summary}</p>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium text-zinc-800 underline">{t.showTable}</summary>
        <table className="mt-2 text-sm">
          <caption className="sr-only">{t.chartTitle(name)}</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6 text-left font-medium text-zinc-700">{t.day}</th>
              <th scope="col" className="text-right font-medium text-zinc-700">{t.quantity}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day.toISOString()}>
                <td className="pr-6">{formatDate(d.day, locale, "medium")}</td>
                <td className="text-right tabular-nums">{formatNumber(d.quantity, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
