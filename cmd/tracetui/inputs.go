package main

import (
	"fmt"
	"runtime/debug"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

// inputsFor turns file arguments into loader inputs. "-" is stdin; no
// arguments read stdin too, but only when it is a pipe, so a bare
// `tracetui print` on a terminal explains itself instead of hanging.
func inputsFor(ios *IOStreams, args []string) ([]load.Input, error) {
	if len(args) == 0 {
		if ios.StdinIsTTY {
			return nil, usagef("no input: name a trace file, or pipe one in (use - for stdin)")
		}
		return []load.Input{{Name: "-", Reader: ios.In}}, nil
	}
	inputs := make([]load.Input, 0, len(args))
	stdin := false
	for _, a := range args {
		if a == "-" {
			if stdin {
				return nil, usagef("stdin (-) given more than once")
			}
			stdin = true
			inputs = append(inputs, load.Input{Name: "-", Reader: ios.In})
			continue
		}
		inputs = append(inputs, load.Input{Name: a})
	}
	return inputs, nil
}

// loadInputs loads and reports warnings on stderr (never stdout: it may be
// a JSON report piped to another tool).
func loadInputs(ios *IOStreams, ld loadFunc) (*load.Result, error) {
	// Loading builds one big long-lived heap; collecting more often while it
	// grows keeps peak memory near the model's size instead of twice it.
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	res, err := ld(nil)
	if err != nil {
		return nil, err
	}
	printWarnings(ios, res.Warnings)
	return res, nil
}

// loadSelected loads (see loadInputs) and keeps the traces --trace names.
func loadSelected(ios *IOStreams, ld loadFunc, traceID string) (*load.Result, []*trace.Trace, error) {
	res, err := loadInputs(ios, ld)
	if err != nil {
		return nil, nil, err
	}
	traces, err := selectTraces(res.Traces, traceID)
	if err != nil {
		return nil, nil, err
	}
	return res, traces, nil
}

// printWarnings is the one place loader warnings reach stderr. They quote
// input (file names, a store's warnings, skipped values), so each goes
// through the sanitizer: nothing from data writes to the terminal.
func printWarnings(ios *IOStreams, ws []source.Warning) {
	for _, w := range ws {
		fmt.Fprintf(ios.ErrOut, "warning: %s\n", render.Sanitize(w.String()))
	}
}
