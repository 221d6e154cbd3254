// How staff services answer a form: the value, or why not — a code, a sentence for the person,
// and the form field it concerns. Plain data, so server actions hand it to the browser as is.
export type StaffErrorCode = "forbidden" | "not_found" | "invalid" | "conflict" | "last_owner" | "expired" | "used" | "wrong_user";

export type StaffFailure = { ok: false; error: StaffErrorCode; message: string; field?: string };
export type StaffResult<T> = { ok: true; value: T } | StaffFailure;

export const staffOk = <T>(value: T): StaffResult<T> => ({ ok: true, value });
export const staffFail = (error: StaffErrorCode, message: string, field?: string): StaffFailure => (field ? { ok: false, error, message, field } : { ok: false, error, message });
