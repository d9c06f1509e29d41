package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// run executes the command line and returns the process exit code. A panic
// anywhere below is turned into an error message: users never see a stack.
func run(args []string, ios *IOStreams) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(ios.ErrOut, "tracetui: internal error: %v\nPlease report this with the input that caused it.\n", r)
			code = exitInput
		}
	}()
	root := newRootCmd(ios)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil {
		fmt.Fprintln(ios.ErrOut, errorText(err))
	}
	return exitCode(err)
}

func newRootCmd(ios *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "tracetui",
		Short: "Explore distributed traces in the terminal",
		Long: `tracetui shows where a request spent its time and where it failed:
a span waterfall with the critical path, the bottleneck and the failure point,
from OTLP JSON or protobuf files (also gzip, JSON lines, stdin), Jaeger and
Zipkin JSON files, a local OTLP receiver, or the Jaeger, Tempo and Zipkin APIs.`,
		Example: `  tracetui demo                       # the embedded example traces
  tracetui print traces.jsonl         # waterfall + diagnosis, for CI logs
  tracetui list traces.jsonl --sort duration
  tracetui open traces.jsonl`,
		Version:       buildVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(
		newPrintCmd(ios),
		newListCmd(ios),
		newOpenCmd(ios),
		newDemoCmd(ios),
		newListenCmd(ios),
		newSearchCmd(ios),
		newStatsCmd(ios),
		newServicesCmd(ios),
	)
	return root
}

// exactArgs and friends wrap cobra's validators so a wrong argument count
// exits with the usage code.
func wrapArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}
