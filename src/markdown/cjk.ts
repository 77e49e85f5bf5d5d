/**
 * Character classes for CJK text, shared by line-break joining, word counts
 * and excerpt cutting so they agree on what "CJK" means.
 */

/** Han, kana and hangul letters: the characters counted one by one as words. */
export const cjkLetter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** Same as `cjkLetter`, global, for counting. */
export const cjkLetterGlobal = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu

/**
 * Characters that are unambiguously East Asian: Han, kana (incl. the prolonged
 * sound mark), CJK symbols and punctuation, fullwidth forms, vertical and
 * compatibility forms. Hangul is deliberately absent: Korean separates words
 * with spaces, so a line break between two hangul syllables is a space
 * (CSS Text 3 segment-break rules exclude Hangul for the same reason).
 */
const strong = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff00-\uffef\ufe10-\ufe1f\ufe30-\ufe4f]/u

/** Punctuation shared with Latin text (curly quotes, ellipsis, dashes, middle dot): CJK only next to a strong CJK character. */
const weak = /[\u2018\u2019\u201c\u201d\u2026\u2014\u2015\u00b7]/u

/**
 * Whether a soft line break between `before` and `after` should vanish:
 * both sides are CJK and at least one is unambiguously so.
 */
export function joinsAcrossBreak(before: string | undefined, after: string | undefined): boolean {
  if (!before || !after) return false
  const b = strong.test(before)
  const a = strong.test(after)
  if (!(b || weak.test(before)) || !(a || weak.test(after))) return false
  return a || b
}
