package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/query"
)

// whereFlag is --where QUERY on print, list, stats and services: a trace
// is kept when the query selects any of its spans (for TraceQL: when the
// final spanset is not empty). print also marks the selected spans.
type whereFlag struct {
	text string
	q    *query.Query // nil: no --where
}

func (w *whereFlag) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&w.text, "where", "", `only traces the query selects spans in: TraceQL ('{ status = error }') or the explorer's shorthand ('service=cart duration>50ms')`)
}

// validate compiles the query before anything is read, so a typo costs
// no loading and exits 2 with the column.
func (w *whereFlag) validate() error {
	if strings.TrimSpace(w.text) == "" {
		return nil
	}
	q, err := query.Compile(w.text)
	if err != nil {
		return usagef("--where: %v", err)
	}
	w.q = q
	return nil
}

// keeps reports whether tr passes --where (always, without it).
func (w *whereFlag) keeps(tr *trace.Tree) bool { return w.q == nil || w.q.MatchesTrace(tr) }

// filter keeps the analyzed traces that pass.
func (w *whereFlag) filter(all []trace.Analyzed) []trace.Analyzed {
	if w.q == nil {
		return all
	}
	out := all[:0]
	for _, a := range all {
		if w.keeps(a.Tree) {
			out = append(out, a)
		}
	}
	return out
}

// mark sets print's span marks to the query's selection.
func (w *whereFlag) mark(opt *render.Options) {
	if w.q != nil {
		opt.Matched = w.q.Matches
	}
}

// noMatch is the answer when --where kept no trace: exit 1, as grep does,
// so a script can tell "none" from an empty input.
func (w *whereFlag) noMatch(kept int) error {
	if w.q == nil || kept > 0 {
		return nil
	}
	return &answerNoError{fmt.Errorf("no trace matches --where %s", w.q.Text)}
}

// checkTraceQL validates search's TraceQL argument with the same parser
// before it goes to Tempo unchanged. What this parser does not evaluate
// but Tempo does (by(), select(), metrics functions) passes.
func checkTraceQL(text string) error {
	if !query.IsTraceQL(text) {
		return usagef(`the query is TraceQL and starts with "{", got %q`, text)
	}
	_, err := query.Compile(text)
	var qe *query.Error
	if err != nil && !(errors.As(err, &qe) && qe.Unsupported) {
		return usagef("TraceQL: %v", err)
	}
	return nil
}
