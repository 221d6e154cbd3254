"use client";

import { ActionButton, useRecordActions, type Action } from "./record-action";

// The invoice's actions, as the API offers them, for the state it is in: a draft is finalized or
// deleted; an open one collected now, marked uncollectible or voided; an uncollectible one
// collected or voided; in test mode the customer's boleto/PIX payment can be simulated.
type Props = {
  id: string;
  status: string;
  label: string;
  testMode: boolean;
  canCollect: boolean;
  actions: { finalize: Action; remove: Action; collect: Action; uncollectible: Action; void: Action; simulate: Action };
};

export function InvoiceActions({ id, status, label, testMode, canCollect, actions }: Props) {
  const { use, status: answer } = useRecordActions(actions);
  const payable = status === "open" || status === "uncollectible";
  return (
    <div className="space-y-3" data-testid="invoice-actions">
      <div className="flex flex-wrap items-start gap-2">
        {status === "draft" ? (
          <>
            <ActionButton id={id} label="Finalize invoice" pendingLabel="Finalizing…" variant="primary" {...use("finalize")}
              confirm={{ value: "finalize", yes: "Yes, finalize", text: "Finalizing gives the invoice its number, applies the customer's credits and opens it for payment (a card on file is charged). It cannot be edited afterwards." }} />
            <ActionButton id={id} label="Delete draft" pendingLabel="Deleting…" variant="danger" {...use("remove")}
              confirm={{ value: "delete", yes: "Yes, delete the draft", text: `Delete the draft ${label}? This cannot be undone.` }} />
          </>
        ) : null}
        {payable && canCollect ? <ActionButton id={id} label="Collect now" pendingLabel="Collecting…" variant="primary" {...use("collect")} /> : null}
        {payable && testMode ? (
          <ActionButton id={id} label="Simulate customer payment" pendingLabel="Paying…" {...use("simulate")}
            confirm={{ value: "simulate", yes: "Simulate the payment", text: "Test mode: the sandbox gateway marks the customer's boleto or PIX paid and sends its webhook, as a real payment would." }}>
            {() => (
              <fieldset>
                <legend className="font-medium text-slate-800">Paid with</legend>
                <div className="mt-1 flex gap-4">
                  {["pix", "boleto"].map((m) => (
                    <label key={m} className="flex items-center gap-2"><input type="radio" name="method" value={m} defaultChecked={m === "pix"} /> {m === "pix" ? "PIX" : "Boleto"}</label>
                  ))}
                </div>
              </fieldset>
            )}
          </ActionButton>
        ) : null}
        {status === "open" ? (
          <ActionButton id={id} label="Mark uncollectible" pendingLabel="Saving…" {...use("uncollectible")}
            confirm={{ value: "mark", yes: "Yes, mark uncollectible", text: "Automatic collection stops. The invoice can still be collected by hand or voided later." }} />
        ) : null}
        {payable ? (
          <ActionButton id={id} label="Void invoice" pendingLabel="Voiding…" variant="danger" {...use("void")}
            confirm={{ value: "void", yes: "Yes, void it", text: `Void ${label}? Nothing will be owed on it; credits it used go back to the customer and a pending boleto/PIX is canceled. This cannot be undone.` }} />
        ) : null}
      </div>
      {status === "paid" || status === "void" ? (
        <p className="text-sm text-slate-600">{status === "paid" ? "A paid invoice cannot change: refund its payment instead." : "A void invoice cannot change."}</p>
      ) : null}
      {answer}
    </div>
  );
}
