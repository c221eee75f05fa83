// Package jsregex translates JavaScript regular expressions into RE2 patterns
// for Go's regexp package.
//
// It exists for one job: a synced-segment manifest's arrayInclusion.matcher is
// written for JavaScript, where the reference server runs it as
// new RegExp(matcher).test(value), with no flags; segsync runs it on RE2, in
// linear time. [Translate] reads the pattern with the grammar V8 implements
// without the u or v flag (ECMAScript's Annex B web-compatibility grammar) and
// writes an RE2 pattern (regexp/syntax Perl flags) that accepts the same
// strings, or reports a [*SyntaxError] with the byte offset of the problem. It
// is not a general regex converter: flags, the u and v modes, and match
// positions or capture contents beyond "does it match" are out of its scope.
//
// # Translation
//
// Ordinary syntax (literals, alternation, groups (...) and (?:...), *, +, ?,
// {n}, {n,}, {n,m}, their lazy forms, ^ and $ at the ends of the input, \b, \B,
// \d, \D, \w, \W) keeps its meaning: both engines read these the same way when
// JavaScript has no flags. The rest is rewritten:
//
//   - Every literal character is written so that RE2 reads it as that character:
//     ASCII letters and digits and printable non-ASCII characters as they are,
//     ASCII punctuation escaped with \, controls, marks and spaces as \x{...}.
//     So ] and } outside a class, and a { that starts no quantifier ({, {a},
//     x{,3}), are literal, as in Annex B.
//   - . is [^\n\r\x{2028}\x{2029}], JavaScript's dot; RE2's excludes only \n.
//   - \s and \S use JavaScript's white space and line terminators (\t \n \v \f \r,
//     space, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
//     U+3000, U+FEFF), not RE2's ASCII set.
//   - Character escapes: \f \n \r \t \v, \cX (control letter), \xHH, \uXXXX,
//     \0 and the Annex B octal escapes \1 to \377 (a decimal escape that is not
//     a backreference), and identity escapes, which make any other escaped
//     character literal: \a, \e, \z, \A, \p{L}, \Q, \E, \/ and \- stand for a,
//     e, z, A, p{L}, Q, E, / and -. In particular \u{41} is u followed by
//     {41}, a quantifier (u repeated 41 times), \x4 is x4, \8 is 8, \k is k
//     when the pattern has no named group, and \c not followed by a letter is a
//     literal backslash followed by c.
//   - Classes are rebuilt as explicit RE2 ranges ([^...] when negated). Inside a class \b is
//     backspace, \- is a dash, \cX also accepts a digit or _, a range with a
//     class escape at either end ([\d-z]) is the union of both ends and a
//     literal -, [] matches nothing and [^] any character. [[:alpha:]] is
//     JavaScript's class of [ : a l p h followed by a literal ].
//   - A named group (?<name>...) becomes (?P<name>...), or a plain capturing
//     group when RE2 would not accept the name (RE2 names are ASCII words).
//
// Translate rejects, as JavaScript does, what V8 rejects: an unmatched ( or ),
// an unterminated class, a quantifier with nothing to repeat (*a, a**, ^*,
// \b+, {1}), {n,m} with n > m, a class range out of order, a trailing \,
// groups spelled (?i), (?s) or (?P<name>...), an invalid or duplicate group
// name, and a \k that is not a valid named reference in a pattern with named
// groups (or any \k in a class of such a pattern); and a source that is not
// valid UTF-8. It also rejects what RE2 cannot express: lookahead and lookbehind,
// backreferences (\N when the pattern has at least N capture groups,
// \k<name>), repeat counts above 1000 (alone, or multiplied through nested
// counted repeats, as RE2 counts them), groups nested more than 1000 deep, a
// translation longer than 4 MiB (a dot or a class grows about thirty-fold),
// and patterns past RE2's other size limits.
//
// # Differences
//
// Without the u flag, JavaScript matches UTF-16 code units; Go matches code
// points of UTF-8 strings. Translate treats an astral character (above
// U+FFFF) as one character, wherever JavaScript sees two surrogate halves:
//
//   - . , [^a], \S, \W and \D match a whole astral character, where JavaScript
//     matches one half: ^.$ matches "😀" here and not in JavaScript, and ^..$
//     the other way round.
//   - An astral character written literally, or as the escape pair
//     \uD83D\uDE00, is one atom: a quantifier after it repeats the whole
//     character (JavaScript repeats the low half only). Inside a class such a
//     pair is the astral character.
//   - A surrogate that is not part of such a pair, or that is a class range
//     end, never matches: the input (valid UTF-8) holds no lone surrogate, so a
//     lone surrogate escape outside a class matches nothing and a class range
//     over surrogates keeps only its non-surrogate part. JavaScript would match
//     the half of an astral character (the idiom [\uD800-\uDBFF] finds astral
//     characters in JavaScript and nothing here).
//
// Apart from these, and the engines' running time (RE2 is linear; JavaScript
// backtracks), a translated pattern accepts exactly the strings the original
// accepts in JavaScript; testdata/golden.json pins that against Node.js.
package jsregex
