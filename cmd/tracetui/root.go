package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
)

// run executes the command line and returns the process exit code. A panic
// anywhere below is turned into an error message: users never see a stack.
func run(args []string, ios *IOStreams) (code int) {
	defer func() {
		if r := recover(); r != nil {
			// The panic value may quote the input that caused it.
			fmt.Fprintf(ios.ErrOut, "tracetui: internal error: %s\nPlease report this with the input that caused it.\n", render.Sanitize(fmt.Sprint(r)))
			code = exitInput
		}
	}()
	root := newRootCmd(ios)
	root.SetArgs(append([]string{}, args...)) // never nil: cobra would read os.Args
	err := root.Execute()
	if err != nil && err.Error() != "" { // run has said how its command exited
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
		newCmdPrint(ios, nil),
		newCmdList(ios, nil),
		newCmdOpen(ios, nil),
		newCmdDemo(ios, nil),
		newCmdListen(ios, nil),
		newCmdSearch(ios, nil),
		newCmdStats(ios, nil),
		newCmdServices(ios, nil),
		newCmdDiff(ios, nil),
		newCmdExport(ios, nil),
		newCmdCheck(ios, nil),
		newCmdRun(ios, nil),
		newCmdVersion(ios, nil),
	)
	initCompletion(root)
	return root
}

// checker is a command's options: check takes the positional arguments
// and rejects flag values and combinations, before anything is read.
type checker interface{ check(args []string) error }

// runE is every command's RunE, so none does work of its own: cobra has
// parsed the flags into opts, check completes them, then runF (a test's
// stand-in, to stop after parsing) or the command's run does the work.
func runE[O checker](opts O, runF, run func(O) error) func(*cobra.Command, []string) error {
	return func(_ *cobra.Command, args []string) error {
		if err := opts.check(args); err != nil {
			return err
		}
		if runF != nil {
			return runF(opts)
		}
		return run(opts)
	}
}

// wrapArgs wraps one of cobra's argument-count validators so a wrong
// count exits with the usage code.
func wrapArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}
