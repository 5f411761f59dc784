/**
 * No personal data is published: contact persons and phone numbers in the sources are dropped by
 * the header reader, and as a safety net any text that reaches a record or a warning has the value
 * after a personal label and a colon (联系人：…, 联系电话：…) and any mobile number replaced by ***.
 */
import { personalLabels } from './vocabulary';

const LABELS = personalLabels()
  .sort((a, b) => b.length - a.length)
  .join('|');
const LABELLED = new RegExp(`(${LABELS})\\s*[:：]\\s*[^\\s，,；;。|\\t]+`, 'g');
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const MAYBE_PERSONAL = /[:：]|\d{11}/;

/** The text with personal values masked. */
export function redactPersonal(text: string): string {
  // Neither a label with its colon nor an 11-digit number: nothing to mask (the common case).
  if (!MAYBE_PERSONAL.test(text)) return text;
  return text.replace(LABELLED, '$1：***').replace(MOBILE, '***');
}

/** Every string field of a record, redacted. */
export function redactRecord<T extends object>(record: T): T {
  let out: Record<string, unknown> | null = null;
  const fields = record as Record<string, unknown>;
  for (const k in fields) {
    const v = fields[k];
    if (typeof v !== 'string') continue;
    const masked = redactPersonal(v);
    // Copied only when something is masked (rarely): records are many.
    if (masked !== v) (out ??= { ...record } as Record<string, unknown>)[k] = masked;
  }
  return (out ?? record) as T;
}
