package jsregex_test

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/segsync/segsync/jsregex"
)

// Translate a matcher written for JavaScript, compile it once with Go's
// regexp, and search values with it as RegExp.test does.
func Example() {
	src, err := jsregex.Translate(`^\s*(add|upsert)\/members$`)
	if err != nil {
		panic(err)
	}
	re := regexp.MustCompile(src)
	for _, action := range []string{"add/members", "\u00a0upsert/members", "remove/members"} {
		fmt.Printf("%q %v\n", action, re.MatchString(action))
	}
	// Output:
	// "add/members" true
	// "\u00a0upsert/members" true
	// "remove/members" false
}

// JavaScript and RE2 read some escapes differently: in JavaScript \z is a z
// and \u{41} is u repeated 41 times.
func ExampleTranslate() {
	for _, js := range []string{`^(?<verb>add|insert)$`, `^\z$`, `x{,3}`, `[^]`} {
		re2, _ := jsregex.Translate(js)
		fmt.Printf("%-24s %s\n", js, re2)
	}
	// Output:
	// ^(?<verb>add|insert)$    ^(?P<verb>add|insert)$
	// ^\z$                     ^z$
	// x{,3}                    x\{\,3\}
	// [^]                      [\x00-\x{10FFFF}]
}

// A construct RE2 cannot run, and a JavaScript syntax error, are a
// *SyntaxError with the byte offset of the problem.
func ExampleSyntaxError() {
	for _, js := range []string{`^add(?=_members)`, `(?i)add`} {
		_, err := jsregex.Translate(js)
		var se *jsregex.SyntaxError
		if errors.As(err, &se) {
			fmt.Printf("%d: %s\n", se.Offset, se.Msg)
		}
	}
	// Output:
	// 4: lookahead (?=...) is not supported: matchers run on RE2, which has no lookaround
	// 0: invalid JavaScript regular expression: invalid group: JavaScript has no inline flags such as (?i), and names groups (?<name>...), not (?P<name>...)
}
