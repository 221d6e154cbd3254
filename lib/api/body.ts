import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Content negotiation for request bodies: JSON only, bounded size, a clear 400 otherwise. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError("body_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes`);
  let text: string;
  try {
    text = await req.text();
  } catch {
    // The client closed the connection before sending the whole body: its mistake, not ours.
    throw new ApiError("body_incomplete", "The request body was not received in full");
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new ApiError("body_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes`);
  }
  const contentType = req.headers.get("content-type");
  if (text.trim() === "" && !contentType) return {};
  if (!contentType || !/^application\/json\s*(;|$)/i.test(contentType.trim())) {
    throw new ApiError("unsupported_content_type", "Request bodies must be JSON: send Content-Type: application/json");
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError("invalid_json", `Request body is not valid JSON: ${(error as Error).message}`);
  }
}
