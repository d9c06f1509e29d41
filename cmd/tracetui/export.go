package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// exportFormats are export's --to values, in the order help lists them.
var exportFormats = []string{"otlp-json", "otlp-jsonl", "otlp-proto", "jaeger", "zipkin", "markdown"}

type ExportOptions struct {
	IO      *IOStreams
	Store   storeFlags
	To      string
	TraceID string
	SpanID  string
	Output  string // -o; "" is stdout
	Args    []string
}

func (o *ExportOptions) check(args []string) error {
	o.Args = args
	if o.To == "" {
		return usagef("name the format to write with --to (%s)", strings.Join(exportFormats, ", "))
	}
	if !slices.Contains(exportFormats, o.To) {
		return usagef("--to must be one of %s, got %q", strings.Join(exportFormats, ", "), o.To)
	}
	if o.To == "otlp-proto" && (o.toStdout() && o.IO.StdoutIsTTY || !o.toStdout() && isTerminalPath(o.Output)) {
		return usagef("refusing to write binary OTLP protobuf to a terminal: name a file with -o, or redirect stdout")
	}
	return o.Store.validate()
}

// toStdout: no -o, or -o - (the usual name for stdout).
func (o *ExportOptions) toStdout() bool { return o.Output == "" || o.Output == "-" }

// isTerminalPath says whether path is a terminal (-o /dev/tty, or
// /dev/stdout while stdout is one): only a character device can be, and
// opening it to ask writes nothing. /dev/null is a character device but no
// terminal, so binary may go there.
func isTerminalPath(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false // the write will fail and say why
	}
	defer f.Close()
	return term.IsTerminal(f.Fd())
}

func newCmdExport(ios *IOStreams, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "export [FILE...|-|--STORE URL TRACE-ID...] --to FORMAT",
		Short: "Convert traces to OTLP JSON or protobuf, Jaeger JSON, Zipkin JSON or markdown",
		Long: `Write the traces read (every one, the one --trace names, or the subtree under
the span --span names) in another format:

  otlp-json    one OTLP/JSON ExportTraceServiceRequest (curl it to :4318/v1/traces)
  otlp-jsonl   one request per trace per line, as the Collector's file exporter writes
  otlp-proto   one binary OTLP ExportTraceServiceRequest (never to a terminal)
  jaeger       the Jaeger query API's JSON, which the Jaeger UI's upload opens
  zipkin       a Zipkin v2 JSON list, which the Zipkin UI's upload opens
  markdown     a table of the spans to paste into an issue

OTLP carries everything tracetui reads. Jaeger and Zipkin carry times in whole
microseconds (each start and end is cut to the µs) and have no place for some
of the rest: what was left out is listed on stderr, with the number of spans
that lost it. A subtree keeps its root's parent ID, as the span had it; a whole
span ID that a Zipkin client and server span share exports the client's subtree.`,
		Example: `  tracetui export traces.jsonl --to jaeger -o trace.json
  tracetui export traces.jsonl --trace 4bf92f --span 00f067 --to otlp-json
  tracetui export --jaeger http://localhost:16686 4bf92f3577b34da6 --to zipkin
  tracetui export traces.jsonl --to otlp-proto | curl -H 'Content-Type: application/x-protobuf' --data-binary @- localhost:4318/v1/traces`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: runE(opts, runF, runExport),
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.To, "to", "", "format to write: "+strings.Join(exportFormats, "|"))
	fl.StringVar(&opts.TraceID, "trace", "", "only the trace with this ID (a unique prefix is enough)")
	fl.StringVar(&opts.SpanID, "span", "", "only this span and the spans under it (its ID, or a unique prefix)")
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of stdout (- is stdout)")
	completeValues(cmd, "to", exportFormats...)
	opts.Store.register(cmd)
	return cmd
}

func runExport(opts *ExportOptions) error {
	ld, _, err := traceSource(opts.IO, &opts.Store, opts.Args)
	if err != nil {
		return err
	}
	_, traces, err := loadSelected(opts.IO, ld, opts.TraceID)
	if err != nil {
		return err
	}
	sel, note, err := selectSpans(traces, opts.SpanID)
	if err != nil {
		return err
	}
	var notes []string
	if note != "" {
		notes = append(notes, note)
	}
	for _, s := range sel {
		// Every view leaves a repeat out and says so; so does export.
		if n := s.t.Tree.Trace.Repeats; n > 0 {
			notes = append(notes, "trace "+render.Sanitize(s.t.Tree.Trace.DisplayID())+": "+
				render.WarningText(trace.Warning{Kind: trace.WarnRepeats, Count: n}))
		}
	}
	out, lost, err := encodeExport(opts.To, sel)
	if err != nil {
		return err
	}
	if opts.toStdout() {
		_, err = opts.IO.Out.Write(out)
	} else if err = os.WriteFile(opts.Output, out, 0o644); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		err = fmt.Errorf("cannot write %s: %w", opts.Output, err)
	}
	if err != nil {
		return err // what was not carried does not matter when nothing was written
	}
	for _, n := range notes {
		fmt.Fprintf(opts.IO.ErrOut, "note: %s\n", n)
	}
	for _, l := range lost {
		fmt.Fprintf(opts.IO.ErrOut, "note: not carried by %s: %s\n", exportNames[opts.To], l)
	}
	return nil
}

// selection is what export writes of one trace: its tree (repeats of a
// span left out, as every view shows it) and the span indexes, in
// pre-order, placeholders for missing parents excluded.
type selection struct {
	t     trace.Analyzed
	spans []int32
}

// selectSpans is every span of each trace, or with spanID the subtree under
// the one span it names (exactly, else by a unique prefix). A whole ID
// that several spans of one trace share, nested (Zipkin's client and
// server halves of one RPC: the server sits under the client), is the
// outermost one's subtree, which holds them all; note says so.
func selectSpans(traces []*trace.Trace, spanID string) (sel []selection, note string, err error) {
	var all []selection
	for _, t := range traces {
		a := trace.AnalyzeOne(t, trace.PipelineOptions{})
		all = append(all, selection{t: a, spans: realSpans(a.Tree, a.Tree.Order)})
	}
	if spanID == "" {
		return all, "", nil
	}
	want := strings.ToLower(spanID)
	type hit struct {
		k int
		i int32
	}
	var exact, prefix []hit
	for k, s := range all {
		for _, i := range s.spans {
			id := strings.ToLower(s.t.Tree.Span(i).DisplaySpanID())
			switch {
			case id == want:
				exact = append(exact, hit{k, i})
			case strings.HasPrefix(id, want):
				prefix = append(prefix, hit{k, i})
			}
		}
	}
	hits := exact
	if len(hits) == 0 {
		hits = prefix
	}
	switch {
	case len(hits) == 0:
		return nil, "", fmt.Errorf("no span matches %q in the %s selected", spanID, render.Plural(len(traces), "trace"))
	case len(hits) > 1 && len(exact) == 0:
		return nil, "", usagef("%d spans match %q: give more of the span ID, or --trace", len(hits), spanID)
	case len(hits) > 1:
		top := hits[0]
		tr := all[top.k].t.Tree
		for _, h := range hits[1:] {
			if h.k != top.k {
				return nil, "", usagef("span ID %q is in %d traces: name one with --trace", spanID, len(hits))
			}
			if tr.Pos[h.i] < tr.Pos[top.i] {
				top = h
			}
		}
		p := tr.Pos[top.i]
		for _, h := range hits {
			if q := tr.Pos[h.i]; q < p || q >= p+tr.Size[top.i] {
				return nil, "", usagef("%d spans of trace %s have the ID %q, none under another: the trace repeats it", len(hits), render.Sanitize(tr.Trace.DisplayID()), spanID)
			}
		}
		s := tr.Span(top.i)
		why := ""
		if s.Kind == trace.KindClient {
			why = " (a client and a server span: Zipkin shares one RPC's ID)"
		}
		note = fmt.Sprintf("%d spans share the ID %s%s: exported the outermost, %s %s (%s), and everything under it, the others included",
			len(hits), render.Sanitize(s.DisplaySpanID()), why, render.Sanitize(s.Service()), render.Sanitize(s.Name), strings.ToLower(s.Kind.String()))
		hits = []hit{top}
	}
	h := hits[0]
	tr := all[h.k].t.Tree
	p := tr.Pos[h.i]
	return []selection{{t: all[h.k].t, spans: realSpans(tr, tr.Order[p:p+tr.Size[h.i]])}}, note, nil
}

// realSpans leaves out the placeholders the tree builder made for parents
// that never arrived: they were not in the input.
func realSpans(tr *trace.Tree, idx []int32) []int32 {
	out := make([]int32, 0, len(idx))
	n := int32(len(tr.Trace.Spans))
	for _, i := range idx {
		if i < n {
			out = append(out, i)
		}
	}
	return out
}
