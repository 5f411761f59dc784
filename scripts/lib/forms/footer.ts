/**
 * The contact lines forms end with (填报人 / 联系电话 / 填报日期). They are not data about a project
 * and never published as data: the names and numbers here are made up, the same for the same key.
 */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '周', '吴', '徐', '孙'];
const GIVEN = ['丽', '静', '伟', '敏', '磊', '洁', '军', '芳', '勇', '婷', '斌', '燕'];

/** A made-up contact: a person, the head of the unit and a Shanghai landline number. */
export interface Contact {
  person: string;
  leader: string;
  phone: string;
}

function hash(key: string): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ (ch.codePointAt(0) as number), 16777619) >>> 0;
  return h;
}

/** A made-up contact for a form, derived from `key` (e.g. the project's name). */
export function madeUpContact(key: string): Contact {
  const h = hash(key);
  const name = (n: number) => `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / 10) % GIVEN.length]}`;
  return {
    person: name(h),
    leader: name(Math.floor(h / 997) + 3),
    phone: `021-${String(50000000 + (h % 10000000)).slice(0, 8)}`
  };
}
