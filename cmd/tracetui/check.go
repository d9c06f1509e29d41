package main

import (
	"github.com/spf13/cobra"
)

const checkFormats = "text|markdown|json"

type CheckOptions struct {
	IO     *IOStreams
	Out    outputFlags
	Checks checkFlags
	Store  storeFlags
	Args   []string // files, "-", or trace IDs with a store flag
}

func (o *CheckOptions) check(args []string) error {
	o.Args = args
	if err := o.Out.validate(checkFormats); err != nil {
		return err
	}
	if err := o.Store.validate(); err != nil {
		return err
	}
	if err := o.Checks.validate(); err != nil {
		return err
	}
	if len(o.Checks.rules) == 0 {
		return usagef("no check given: --expect QUERY, --check FILE, --no-errors, --max-duration D or --no-findings KIND")
	}
	return nil
}

func newCmdCheck(ios *IOStreams, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "check [FILE...|-|--STORE URL TRACE-ID...] RULES",
		Short: "Assert on traces: TraceQL expectations, a YAML file of checks, no errors, a duration budget",
		Long: `Check every trace against rules and say, per rule, whether it passed and, for
each failure, the trace, the spans at fault, the value seen and the one
expected, with the waterfall pruned to those spans.

Rules: --expect QUERY (TraceQL that must select spans in every trace, or whose
final comparison must hold: '{ status = error } | count() = 0'), --check FILE (a
YAML list of {name, where, select, assert: [...], optional}), --no-errors,
--max-duration D, --no-findings KIND.

Exit code: 0 every check passed, 1 one failed (a YAML check that matched no
trace fails unless optional), 2 a flag, query or checks file is wrong (with
file:line:column), 3 a trace file or the store could not be read.`,
		Example: `  tracetui check --no-errors traces.jsonl
  tracetui check --expect '{ span.db.system != nil } | count() < 50' traces.jsonl
  tracetui check --check checks.yaml --junit checks-junit.xml traces.jsonl
  tracetui check --max-duration 2s --no-findings N+1 --format markdown traces.jsonl`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: runE(opts, runF, runCheck),
	}
	opts.Out.register(cmd, checkFormats)
	opts.Checks.register(cmd)
	opts.Store.register(cmd)
	return cmd
}

func runCheck(opts *CheckOptions) error {
	ld, _, err := traceSource(opts.IO, &opts.Store, opts.Args)
	if err != nil {
		return err
	}
	res, err := loadInputs(opts.IO, ld)
	if err != nil {
		return err
	}
	_, err = opts.Checks.report(opts.IO, &opts.Out, opts.Checks.analyze(res.Traces))
	return err
}
