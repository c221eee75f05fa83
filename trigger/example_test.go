package trigger_test

import (
	"errors"
	"fmt"

	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
	"github.com/segsync/segsync/trigger"
)

func Example() {
	m, _ := spec.ParseManifest([]byte(`{"capabilities": {"trigger": {
	  "documentation": "https://example.com/docs",
	  "defaultEventName": "An event",
	  "parser": {"eventName": "/eventName", "value": "/value", "url": "/url"}
	}}}`))
	prog, err := trigger.Compile(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, _ := prog.Parse([]byte(`{"eventName": "CPU test alert", "value": 97.50, "url": "https://monitor.example.com/a/1"}`))
	fmt.Printf("%q %q %q %v\n", ev.EventName, ev.Value, ev.URL, ev.IsTest)
	ev, _ = prog.Parse(nil)
	fmt.Printf("%q %v\n", ev.EventName, ev.IsTest)
	_, err = prog.Parse([]byte(`{"eventName": {"text": "x"}}`))
	var perr *parser.Error
	if errors.As(err, &perr) {
		fmt.Println(perr.Status, perr.Code, perr.Pointer, perr.Field)
	}
	// Output:
	// "CPU test alert" "97.50" "https://monitor.example.com/a/1" true
	// "An event" false
	// 400 wrong_type /eventName eventName
}
