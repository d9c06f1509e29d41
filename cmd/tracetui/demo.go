package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/source/demo"
	"github.com/tracetui/tracetui/source/load"
)

type DemoOptions struct {
	IO     *IOStreams
	Report reportFlags
	Write  string // save the demo traces here instead of showing them
}

// check leaves the output flags alone when --write saves a file: they
// describe output that is never drawn.
func (o *DemoOptions) check([]string) error {
	if o.Write != "" {
		return nil
	}
	return o.Report.validate(printFormats)
}

func newCmdDemo(ios *IOStreams, runF func(*DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Show the embedded example traces (a slow checkout and a failed payment)",
		Long: `Show two example traces: a checkout whose shipping call holds 5.2 of its
5.6 seconds, and a checkout whose payment fails two levels down. --write saves
them as OTLP JSON lines so you can try 'open', 'print' and 'list' on a file.`,
		Example: `  tracetui demo
  tracetui demo --write demo.jsonl && tracetui print --trace 0af7 demo.jsonl`,
		Args:              wrapArgs(cobra.NoArgs),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              runE(opts, runF, runDemo),
	}
	opts.Report.register(cmd, printFormats)
	opts.Report.registerMaxSpans(cmd, "")
	cmd.Flags().StringVar(&opts.Write, "write", "", "save the demo traces to `FILE` instead of showing them")
	return cmd
}

func runDemo(opts *DemoOptions) error {
	if opts.Write != "" {
		if err := os.WriteFile(opts.Write, demo.JSONLines(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "wrote %s: try tracetui open %s\n", opts.Write, opts.Write)
		return nil
	}
	inputs := []load.Input{{Name: demo.Name, Reader: bytes.NewReader(demo.JSONLines())}}
	ld := func(progress func(int64, int)) (*load.Result, error) {
		return load.All(inputs, load.Options{Progress: progress})
	}
	if interactive(opts.IO, opts.Report.format) {
		return explore(opts.IO, &opts.Report, ld, demo.Name)
	}
	return printReport(opts.IO, &opts.Report, ld)
}
