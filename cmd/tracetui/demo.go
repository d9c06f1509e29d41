package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/source/demo"
	"github.com/tracetui/tracetui/source/load"
)

func newDemoCmd(ios *IOStreams) *cobra.Command {
	f := &reportFlags{}
	var write string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Show the embedded example traces (a slow checkout and a failed payment)",
		Long: `Show two example traces: a checkout whose shipping call holds 5.2 of its
5.6 seconds, and a checkout whose payment fails two levels down. --write saves
them as OTLP JSON lines so you can try 'open', 'print' and 'list' on a file.`,
		Example: `  tracetui demo
  tracetui demo --write demo.jsonl && tracetui print --trace 0af7 demo.jsonl`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if write != "" {
				if err := os.WriteFile(write, demo.JSONLines(), 0o644); err != nil {
					return err
				}
				fmt.Fprintf(ios.ErrOut, "wrote %s: try tracetui open %s\n", write, write)
				return nil
			}
			if err := f.validate(printFormats); err != nil {
				return err
			}
			inputs := []load.Input{{Name: demo.Name, Reader: bytes.NewReader(demo.JSONLines())}}
			ld := func(progress func(int64, int)) (*load.Result, error) {
				return load.All(inputs, load.Options{Progress: progress})
			}
			if interactive(ios, f) {
				return explore(ios, f, ld, demo.Name)
			}
			return printRun(ios, f, ld)
		},
	}
	f.register(cmd, printFormats)
	cmd.Flags().IntVar(&f.maxSpans, "max-spans", 0, "show at most N spans per trace (0: all)")
	cmd.Flags().StringVar(&write, "write", "", "save the demo traces to `FILE` instead of showing them")
	return cmd
}
