package handlebars_test

import (
	"errors"
	"fmt"

	"github.com/segsync/segsync/handlebars"
	"github.com/segsync/segsync/jsonvalue"
)

// Parse once, render many times: every value is escaped for a JSON string.
func Example() {
	tmpl, err := handlebars.Parse(`{"segment": "{{segmentKey}}", {{#if errorMessage}}"error": "{{{errorMessage}}}"{{else}}"status": "success"{{/if}} }`)
	if err != nil {
		fmt.Println(err)
		return
	}
	data, _ := jsonvalue.Decode([]byte(`{"segmentKey": "int-c1", "errorMessage": "bad \"members\"\n</script>"}`), 0)
	out, err := tmpl.Render(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out)
	// Output:
	// {"segment": "int-c1", "error": "bad \"members\"\n\u003c/script\u003e" }
}

// The framework's helpers: equal compares strictly, as JavaScript's ===, so
// the string "400" is not the number 400.
func ExampleWithFrameworkHelpers() {
	tmpl, err := handlebars.Parse(
		`{{#equal statusCode 400}}bad request{{else}}status {{statusCode}}{{/equal}}`,
		handlebars.WithFrameworkHelpers())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, code := range []any{400, jsonvalue.Number("400"), "400", 500} {
		out, _ := tmpl.Render(map[string]any{"statusCode": code})
		fmt.Println(out)
	}
	// Output:
	// bad request
	// bad request
	// status 400
	// status 500
}

// The value helpers encode for URLs and headers and format times.
func ExampleFrameworkHelpers() {
	tmpl, err := handlebars.Parse(
		`{"url": "https://example.com/{{pathEncode name}}?q={{queryEncode name}}", `+
			`"auth": "{{basicAuthHeaderValue user pass}}", `+
			`"at": "{{formatWithOffset ms 3600 'rfc3339'}}", "simple": "{{formatWithOffset ms 0 'simple'}}"}`,
		handlebars.WithFrameworkHelpers())
	if err != nil {
		fmt.Println(err)
		return
	}
	data, _ := jsonvalue.Decode([]byte(`{"name": "a b/c&d", "user": "ann", "pass": "pä55", "ms": 1700000000000}`), 0)
	out, err := tmpl.Render(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out)
	// Output:
	// {"url": "https://example.com/a%20b/c\u0026d?q=a%20b%2Fc%26d", "auth": "Basic YW5uOnDDpDU1", "at": "2023-11-14T23:13:20.000Z", "simple": "2023-11-14 10:13:20"}
}

// A parse error carries its place and shows it.
func ExampleParseError() {
	_, err := handlebars.Parse("{\n  \"a\": {{> partial}}\n}")
	var pe *handlebars.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe)
		fmt.Println(pe.Snippet())
	}
	// Output:
	// handlebars: line 2, column 8: partials ({{> … }}) are not supported
	//   "a": {{> partial}}
	//        ^
}
