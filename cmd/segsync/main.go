// Command segsync compiles LaunchDarkly synced-segment request parsers and runs them
// over partner payloads.
//
// Usage:
//
//	segsync parse --manifest FILE [--capability NAME] [--integration KEY] [--response] [PAYLOAD_FILE | -]
//	segsync check FILE...
//	segsync serve --manifests DIR [--addr 127.0.0.1:3000] [--token T] [--max-inflight 256MiB]
//	              [--admission-wait 10s] [--shutdown-timeout 2m] [--metrics-addr ADDR]
//	segsync playground [--addr 127.0.0.1:8080]
//
// parse prints the normalized result as JSON and exits 0; on a payload error it
// prints {"error": {...}} and exits 1; when the manifest does not compile it prints
// each problem on stderr and exits 2. With --response it prints an object holding
// the result or the error and the response the endpoint would give. --capability
// runs another of the manifest's parsers (trigger, approval.creationRequest, ...,
// formVariables/N.dynamicOptions; see parse -h) over a partner's JSON. check
// compiles every parser and template of each manifest (package capability) and
// prints one line per problem; it exits 0 when every file compiles, 2 otherwise. serve answers
// POST /api/v2/segment-targets/{integrationKey} for every manifest of DIR, laid out
// as <integrationKey>/manifest.json, until SIGINT or SIGTERM, after which it drains
// the requests in flight (exit 0 when all finished in time); SIGHUP reloads DIR.
// playground serves a page on a loopback address for writing a manifest and a
// payload and seeing the problems, the result and the response as one types.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// command is one subcommand: it runs with its arguments and returns the exit code.
type command struct {
	name    string
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands = []command{
	{"parse", "run a manifest's request parser over a payload", runParse},
	{"check", "compile manifests and list their problems", runCheck},
	{"serve", "serve a directory of manifests as the synced-segment endpoint", runServe},
	{"conformance", "run the conformance cases against the library or a server", runConformance},
	{"example", "print a valid payload for a manifest", runExample},
	{"schema", "print the JSON Schema of the payloads a manifest accepts", runSchema},
	{"fuzz", "compare the library with an endpoint over generated payloads", runFuzz},
	{"test", "run partner test files against the library or an endpoint", runTest},
	{"playground", "edit a manifest and a payload in a browser, the verdict as you type", runPlayground},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code. Help asked
// for ("segsync -h", "segsync help parse", "segsync parse -h") is printed on
// stdout and exits 0.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			return run([]string{args[1], "-h"}, stdin, stdout, stderr)
		}
		usage(stdout)
		return 0
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, version())
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			if wantsHelp(args[1:]) {
				c.run([]string{"-h"}, stdin, stdout, stdout)
				return 0
			}
			return c.run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "segsync: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

// wantsHelp reports whether a command's arguments ask for its help, before any
// "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: segsync <command> [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "  %-12s %s\n", "version", "print the version and the source revision")
	fmt.Fprintln(w, "\nRun 'segsync <command> -h' for a command's flags and examples.")
}

// version returns the module version and the VCS revision the binary was built
// from, as the build info records them.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "segsync (no build information)"
	}
	v := "segsync " + bi.Main.Version
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		v += " " + rev
		if settings["vcs.modified"] == "true" {
			v += " (modified)"
		}
	}
	return v + " " + bi.GoVersion
}
