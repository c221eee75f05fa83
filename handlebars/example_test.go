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

// Register the framework's equal helper for one template.
func ExampleEqual() {
	tmpl, err := handlebars.Parse(
		`{{#equal statusCode 400}}bad request{{else}}status {{statusCode}}{{/equal}}`,
		handlebars.WithHelper("equal", handlebars.Equal))
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
	// bad request
	// status 500
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
