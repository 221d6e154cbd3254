// The invoice PDF's payment and tax blocks: boleto (digitable line + ITF barcode), Pix (QR code
// + copy-and-paste code) and the NF-e reference.
import { Image as PdfImage, Link, Rect, Svg, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { assertBoletoBarcode, formatDigitableLine, ITF_QUIET_ZONE_MODULES, itfElementWidths } from "@/lib/payments/boleto";
import type { InvoiceDocument } from "./document";
import { formatDate, formatDateTime } from "./format";
import type { InvoiceLabels } from "./pdf-labels";
import { styles, T, type Palette } from "./pdf-theme";

type Props = { doc: InvoiceDocument; labels: InvoiceLabels; colors: Palette };

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View style={styles.field}>
      <T style={styles.muted}>{label}</T>
      <T style={styles.strong}>{children}</T>
    </View>
  );
}

// FEBRABAN's barcode is about 103 mm wide and 13 mm tall; 405 modules + quiet zones fit 290 pt.
const BARCODE_WIDTH = 290;
const BARCODE_HEIGHT = 36;

/** The 44-digit barcode as vector bars: each even element of the ITF widths is a bar. */
export function BoletoBarcode({ barcode }: { barcode: string }) {
  assertBoletoBarcode(barcode); // never print bars a bank would misread
  const widths = itfElementWidths(barcode);
  const modules = widths.reduce((sum, w) => sum + w, 0) + 2 * ITF_QUIET_ZONE_MODULES;
  const unit = BARCODE_WIDTH / modules;
  const bars: Array<{ x: number; width: number }> = [];
  let x = ITF_QUIET_ZONE_MODULES;
  widths.forEach((width, index) => {
    if (index % 2 === 0) bars.push({ x: x * unit, width: width * unit });
    x += width;
  });
  return (
    <Svg width={BARCODE_WIDTH} height={BARCODE_HEIGHT} viewBox={`0 0 ${BARCODE_WIDTH} ${BARCODE_HEIGHT}`}>
      {bars.map((bar) => (
        <Rect key={bar.x} x={bar.x} y={0} width={bar.width} height={BARCODE_HEIGHT} fill="#000000" />
      ))}
    </Svg>
  );
}

export function BoletoBlock({ doc, labels, colors }: Props) {
  const { boleto } = doc;
  if (!boleto) return null;
  return (
    <View style={[styles.box, { borderLeftColor: colors.brand }]} wrap={false}>
      <T style={styles.boxTitle}>{labels.boleto}</T>
      <T style={styles.muted}>{labels.digitableLine}</T>
      <T style={styles.digitableLine}>{formatDigitableLine(boleto.digitable_line)}</T>
      <View style={{ flexDirection: "row", alignItems: "flex-end", justifyContent: "space-between" }}>
        <BoletoBarcode barcode={boleto.barcode} />
        <View style={{ alignItems: "flex-end" }}>
          <T style={styles.muted}>{labels.dueDate}</T>
          <T style={styles.strong}>{formatDate(boleto.due_date, doc.locale)}</T>
        </View>
      </View>
    </View>
  );
}

// Courier: every character is 0.6 em, so fixed-size chunks fit the column exactly. The payload
// is split into lines ourselves because a react-pdf line break inside a word adds a hyphen,
// which would corrupt a code meant to be copied.
const PIX_TEXT_WIDTH = 340;
const PIX_CODE_PADDING = 5;
const PIX_FONT_SIZE = 8;
const PIX_CHARS_PER_LINE = Math.floor((PIX_TEXT_WIDTH - 2 * PIX_CODE_PADDING - 1) / (PIX_FONT_SIZE * 0.6));
const noHyphenation = (word: string) => [word];

export function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

export function PixBlock({ doc, labels, colors, qrPng }: Props & { qrPng: Buffer | null }) {
  const { pix } = doc;
  if (!pix) return null;
  return (
    <View style={[styles.box, { borderLeftColor: colors.brand }]} wrap={false}>
      <T style={styles.boxTitle}>{labels.pix}</T>
      <View style={{ flexDirection: "row" }}>
        {qrPng ? <PdfImage src={{ data: qrPng, format: "png" }} style={{ width: 112, height: 112, marginRight: 14 }} /> : null}
        <View style={{ width: PIX_TEXT_WIDTH }}>
          <T style={{ marginBottom: 6 }}>{labels.pixInstructions}</T>
          <T style={styles.muted}>{labels.pixCode}</T>
          <View style={{ backgroundColor: "#f3f4f6", padding: PIX_CODE_PADDING, borderRadius: 2, marginVertical: 3 }}>
            {chunkText(pix.payload, PIX_CHARS_PER_LINE).map((chunk, index) => (
              <Text key={index} style={[styles.code, { fontSize: PIX_FONT_SIZE }]} hyphenationCallback={noHyphenation}>
                {chunk}
              </Text>
            ))}
          </View>
          <T>
            <T style={styles.muted}>{labels.expiresAt}: </T>
            <T style={styles.strong}>{formatDateTime(pix.expires_at, doc.locale)}</T>
          </T>
        </View>
      </View>
    </View>
  );
}

export function NfeBlock({ doc, labels, colors }: Props) {
  const { nfe } = doc;
  if (!nfe?.number) return null;
  return (
    <View style={[styles.box, { borderLeftColor: colors.brand }]} wrap={false}>
      <T style={styles.boxTitle}>{labels.nfe}</T>
      <View style={styles.fields}>
        <Field label={labels.nfeNumber}>{nfe.number}</Field>
        {nfe.series ? <Field label={labels.nfeSeries}>{nfe.series}</Field> : null}
        {nfe.status ? <Field label={labels.nfeStatus}>{labels.nfeStatuses[nfe.status]}</Field> : null}
        {nfe.verification_url ? (
          <View style={{ flex: 1 }}>
            <T style={styles.muted}>{labels.nfeVerify}</T>
            <Link src={nfe.verification_url} style={[styles.link, { color: colors.accentText }]}>
              <T>{nfe.verification_url}</T>
            </Link>
          </View>
        ) : null}
      </View>
    </View>
  );
}
