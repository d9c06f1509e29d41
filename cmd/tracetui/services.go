package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

const servicesFormats = "text|json"

type ServicesOptions struct {
	IO     *IOStreams
	Report reportFlags
	Store  storeFlags
	Args   []string
}

func (o *ServicesOptions) check(args []string) error {
	o.Args = args
	if err := o.Report.validate(servicesFormats); err != nil {
		return err
	}
	return o.Store.validate()
}

func newCmdServices(ios *IOStreams, runF func(*ServicesOptions) error) *cobra.Command {
	opts := &ServicesOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "services [FILE...|-]",
		Short: "The service map: which service calls which, how often, with errors and time",
		Example: `  tracetui services traces.jsonl
  tracetui services --format json traces.jsonl | jq '.calls[] | select(.errors > 0)'
  tracetui services --where '{ status = error }' traces.jsonl`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: runE(opts, runF, runServices),
	}
	opts.Report.register(cmd, servicesFormats)
	opts.Store.register(cmd)
	opts.Report.where.register(cmd)
	return cmd
}

func runServices(opts *ServicesOptions) error {
	ios, f := opts.IO, &opts.Report
	m := &trace.ServiceMap{}
	if err := eachAnalyzed(ios, f, &opts.Store, opts.Args, m.Add); err != nil {
		return err
	}
	m.Sorted()
	if f.format == "json" {
		out, err := render.ServiceMapJSON(m)
		return f.writeJSON(ios, out, err)
	}
	_, err := fmt.Fprintln(ios.Out, strings.Join(render.ServiceMapLines(m, f.options(ios)), "\n"))
	return err
}
