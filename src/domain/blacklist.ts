/**
 * 黑名单: owners of serious violations, listed as bad credit information (失信惩戒) and linked to
 * their violation records. Identity numbers are only ever stored masked.
 */
export interface BlacklistEntry {
  id: string;
  ownerName: string;
  /** 身份证号 or 统一社会信用代码 with the middle masked, e.g. 330327********1234. */
  idNumberMasked: string;
  reason: string;
  violationIds: string[];
  listedOn: string;
}

/** Masks all but the first six and last four characters of an identity number with *. */
export function maskIdNumber(idNumber: string): string {
  const text = idNumber.trim();
  if (text.length <= 10) return '*'.repeat(text.length);
  return `${text.slice(0, 6)}${'*'.repeat(text.length - 10)}${text.slice(-4)}`;
}

/** Whether a stored number is masked (nothing but the first six and last four shown). */
export function isMaskedIdNumber(value: string): boolean {
  return value.length > 10 && /^\*+$/.test(value.slice(6, -4));
}
