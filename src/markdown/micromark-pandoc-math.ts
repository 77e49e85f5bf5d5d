/**
 * `$…$` as math only where it reads as math, by Pandoc's rule: the opening
 * `$` has a non-space character right after it, the closing `$` a non-space
 * character right before it and no digit right after it. So `$5 and $10`,
 * `$_POST['user'] == $admin` and `costs $3, or $4` stay text. remark-math has
 * no such rule (its `singleDollarTextMath: false` turns single dollars off);
 * this micromark construct adds single-dollar math with the rule, making the
 * same tokens remark-math makes, so mdast-util-math builds the same nodes.
 * `$$…$$` inline stays remark-math's.
 */
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types'
import type { Processor } from 'unified'
import remarkMath from 'remark-math'
// The token types (mathText, mathTextSequence, mathTextData) are declared by micromark-extension-math.
import type {} from 'micromark-extension-math'
import type { MathMode } from '../types.js'

const dollar = 36
const backslash = 92

/** Space, tab (and its virtual spaces) or a line ending (micromark's negative codes). */
const blank = (code: Code): boolean => code === null || code < 0 || code === 32
const lineEnding = (code: Code): boolean => code !== null && code < -2
const digit = (code: Code): boolean => code !== null && code >= 48 && code <= 57

/** The closing `$`: not followed by a digit. */
const closing: Construct = {
  partial: true,
  tokenize(effects: Effects, ok: State, nok: State): State {
    return function (code: Code) {
      effects.enter('mathTextSequence')
      effects.consume(code)
      effects.exit('mathTextSequence')
      return (next: Code) => (digit(next) ? nok(next) : ok(next))
    }
  }
}

/** Single-dollar inline math by Pandoc's rule. */
const pandocMathText: Construct = {
  name: 'pandocMathText',
  previous(this: TokenizeContext, code: Code): boolean {
    // Not right after another `$` (that is remark-math's `$$`), unless it was escaped.
    return code !== dollar || this.events[this.events.length - 1]?.[1].type === 'characterEscape'
  },
  tokenize(effects: Effects, ok: State, nok: State): State {
    let inData = false
    let afterBlank = false
    const openData = (): void => {
      if (!inData) effects.enter('mathTextData')
      inData = true
    }
    const closeData = (): void => {
      if (inData) effects.exit('mathTextData')
      inData = false
    }
    const done: State = (code) => {
      effects.exit('mathText')
      return ok(code)
    }
    const notClosing: State = (code) => {
      openData()
      effects.consume(code)
      afterBlank = false
      return inside
    }
    const afterBackslash: State = (code) => {
      if (code === null || lineEnding(code)) return inside(code)
      effects.consume(code)
      afterBlank = false
      return inside
    }
    const inside: State = (code) => {
      if (code === null) return nok(code)
      if (lineEnding(code)) {
        closeData()
        effects.enter('lineEnding')
        effects.consume(code)
        effects.exit('lineEnding')
        afterBlank = true
        return inside
      }
      if (code === dollar && !afterBlank) {
        closeData()
        return effects.attempt(closing, done, notClosing)(code)
      }
      openData()
      effects.consume(code)
      if (code === backslash) return afterBackslash
      afterBlank = blank(code)
      return inside
    }
    const afterOpen: State = (code) => (blank(code) || code === dollar ? nok(code) : inside(code))
    return function start(code: Code) {
      effects.enter('mathText')
      effects.enter('mathTextSequence')
      effects.consume(code)
      effects.exit('mathTextSequence')
      return afterOpen
    }
  }
}

/** The micromark extension: `$` in text tries Pandoc's rule. */
export const pandocMath: Extension = { text: { [dollar]: pandocMathText } }

/**
 * remark plugin: math syntax for a math mode. `true`: remark-math as it is
 * (every `$…$` is math); `auto`: remark-math without single dollars, plus
 * single dollars by Pandoc's rule; `false`: no math syntax.
 *
 * @param mode The post's math mode.
 */
export default function remarkMathMode(this: Processor, mode: MathMode = 'true'): undefined {
  if (mode === 'false') return
  remarkMath.call(this, mode === 'auto' ? { singleDollarTextMath: false } : undefined)
  if (mode === 'auto') {
    const data = this.data() as { micromarkExtensions?: Extension[] }
    ;(data.micromarkExtensions ??= []).push(pandocMath)
  }
}
