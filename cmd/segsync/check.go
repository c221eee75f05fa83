package main

import (
	"fmt"
	"io"
)

func runCheck(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "check FILE...", stderr)
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(files) == 0 {
		fs.Usage()
		return 2
	}
	code := 0
	for _, file := range files {
		_, problems, err := compileFile(file)
		if err != nil {
			fmt.Fprintf(stdout, "%s: %v\n", file, err)
			code = 2
			continue
		}
		printProblems(stdout, file, problems, false)
		if problems.Err() != nil {
			code = 2
		}
	}
	return code
}
