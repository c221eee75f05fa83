package main

import (
	"flag"
	"io"
)

// examples are the example command lines each command's help shows.
var examples = map[string][]string{
	"parse": {
		"segsync parse --manifest integrations/acme/manifest.json --integration acme payload.json",
		"curl -s https://cdp.example/payload | segsync parse --manifest manifest.json -",
		"segsync parse --response --manifest manifest.json payload.json",
		"segsync parse --manifest servicenow/manifest.json --capability approval.statusRequest response.json",
		"segsync parse --manifest servicenow/manifest.json --capability approval.environmentFormVariables/0.dynamicOptions options.json",
	},
	"check": {
		"segsync check manifest.json",
		"segsync check integrations/            # every <integrationKey>/manifest.json",
		"segsync check --strict --format json integrations/ > report.json",
	},
	"serve": {
		"segsync serve --manifests integrations/ --addr 127.0.0.1:3000 --token \"$TOKEN\"",
	},
	"playground": {
		"segsync playground                     # then open http://127.0.0.1:8080/",
		"segsync playground --addr 127.0.0.1:0  # any free port",
	},
	"conformance": {
		"segsync conformance",
		"segsync conformance --target http://127.0.0.1:3000 --token T --junit report.xml",
	},
}

// newFlagSet returns a flag set for a subcommand that writes its usage, flags and
// examples to w.
func newFlagSet(name, usageLine string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		io.WriteString(w, "usage: segsync "+usageLine+"\n")
		fs.PrintDefaults()
		if ex := examples[name]; len(ex) > 0 {
			io.WriteString(w, "\nexamples:\n")
			for _, e := range ex {
				io.WriteString(w, "  "+e+"\n")
			}
		}
	}
	return fs
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments, and returns the positional ones. "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
