/**
 * One courier, one surge count: platforms and merchants spell a courier many ways ("SF Express", "sf-express",
 * " SF EXPRESS ", "S.F. Express", full-width "ＳＦ Ｅｘｐｒｅｓｓ"), and a surge split across spellings is a surge
 * missed. The key folds compatibility forms (NFKC: full-width, ligatures), case, whitespace, punctuation and
 * symbols, then a deliberately small table of names that are certainly the same company (the Chinese trade name
 * of a courier whose Latin name is also in use). Anything else stays as folded: merging two real couriers
 * would be worse than counting one twice.
 *
 * @example courierKey(' SF-Express ') === 'sfexpress'; courierKey('顺丰速运') === 'sfexpress'; courierKey('  ') === null
 */

/** Folded spelling → the folded Latin name it is. Traditional and simplified forms both, since both appear. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['顺丰', 'sfexpress'], ['顺丰速运', 'sfexpress'], ['顺丰快递', 'sfexpress'], ['順豐', 'sfexpress'], ['順豐速運', 'sfexpress'],
  ['sf', 'sfexpress'],
  ['中通', 'ztoexpress'], ['中通快递', 'ztoexpress'], ['中通快遞', 'ztoexpress'], ['zto', 'ztoexpress'],
]);

/** Whitespace, punctuation and symbols (`-`, `.`, `·`, `（`, `®` …): never what tells two couriers apart. */
const NOISE = /[\s\p{P}\p{S}\p{Cc}\p{Cf}]+/gu;

/** The courier's surge key, or null when nothing is left of the name. */
export function courierKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const folded = name.normalize('NFKC').toLowerCase().replace(NOISE, '');
  if (!folded) return null;
  return ALIASES.get(folded) ?? folded;
}
