package main

import (
	"fmt"
	"strings"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/rundiff"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// diffTraces writes the trace diff, then judges the gates on the two
// traces as runs of one (so every rule reads the same in both modes).
func diffTraces(opts *DiffOptions, a, b trace.Analyzed) error {
	opts.ignored("trace", "top")
	if len(opts.rules) == 0 {
		opts.ignored("trace", "by") // a trace diff's --by groups only its --fail-on rules
	}
	d := diff.Align(a, b)
	var violations []rundiff.Violation
	if len(opts.rules) > 0 {
		ra, rb := rundiff.NewRun(opts.By == "service"), rundiff.NewRun(opts.By == "service")
		ra.Add(a)
		rb.Add(b)
		res := rundiff.Compare(ra, rb, rundiff.Options{Threshold: opts.threshold})
		if err := unmatchedScopes(res, opts.rules); err != nil {
			return err
		}
		violations = res.Check(opts.rules)
	}
	opt := opts.Output.options(opts.IO)
	view := render.DiffView{Threshold: opts.threshold, OnlyChanged: opts.Changed}
	var err error
	switch opts.Output.format {
	case "json":
		out, jerr := render.TraceDiffJSON(d, view, violations)
		err = opts.Output.writeJSON(opts.IO, out, jerr)
	case "markdown":
		_, err = fmt.Fprint(opts.IO.Out, render.TraceDiffMarkdown(d, view, opt)+render.ViolationsMarkdown(violations))
	default:
		lines := append(render.TraceDiffLines(d, view, opt), render.ViolationLines(violations, opt)...)
		_, err = fmt.Fprintln(opts.IO.Out, strings.Join(lines, "\n"))
	}
	if err != nil {
		return err
	}
	return gateError(violations)
}

// diffRuns compares the two runs and writes the result.
func diffRuns(opts *DiffOptions, runs [2]*rundiff.Run) error {
	opts.ignored("run", "changed")
	res := rundiff.Compare(runs[0], runs[1], rundiff.Options{Threshold: opts.threshold})
	if err := unmatchedScopes(res, opts.rules); err != nil {
		return err
	}
	violations := res.Check(opts.rules)
	opt := opts.Output.options(opts.IO)
	var err error
	switch opts.Output.format {
	case "json":
		out, jerr := render.RunDiffJSON(res, violations)
		err = opts.Output.writeJSON(opts.IO, out, jerr)
	case "markdown":
		_, err = fmt.Fprint(opts.IO.Out, render.RunDiffMarkdown(res, opts.mdTop())+render.ViolationsMarkdown(violations))
	default:
		lines := append(render.RunDiffLines(res, opts.Top, opt), render.ViolationLines(violations, opt)...)
		_, err = fmt.Fprintln(opts.IO.Out, strings.Join(lines, "\n"))
	}
	if err != nil {
		return err
	}
	return gateError(violations)
}

// ignored says on stderr that a flag given does nothing in this mode
// (the mode follows from the inputs, so the user may not know which one
// ran): a flag that silently does nothing reads as a flag that works.
func (o *DiffOptions) ignored(mode, flag string) {
	if o.given == nil || !o.given(flag) {
		return
	}
	other := map[string]string{"trace": "a run diff (many traces a side)", "run": "a trace diff (one trace a side)"}[mode]
	fmt.Fprintf(o.IO.ErrOut, "tracetui: warning: --%s applies to %s; this is a %s diff, so it is ignored\n", flag, other, mode)
}

// unmatchedScopes is the usage error for --fail-on rules whose scope
// names no operation or service on either side, before any report is
// written: a misspelt scope must fail the job, not pass it silently.
func unmatchedScopes(res *rundiff.Result, rules []rundiff.Rule) error {
	bad := res.Unmatched(rules)
	if len(bad) == 0 {
		return nil
	}
	what := "operation (service and span name) or service"
	if res.ByService {
		what = "service"
	}
	var msgs []string
	for _, r := range bad {
		msgs = append(msgs, fmt.Sprintf("--fail-on %q: scope %q names no %s on either side", r.Text, r.Scope, what))
	}
	return usagef("%s", strings.Join(msgs, "\n"))
}

// gateError is the "no" a CI job sees: exit 1, naming how many rules broke
// (the rows are in the output above).
func gateError(vs []rundiff.Violation) error {
	if len(vs) == 0 {
		return nil
	}
	rules := map[*rundiff.Rule]bool{}
	for _, v := range vs {
		rules[v.Rule] = true
	}
	return &answerNoError{fmt.Errorf("diff: %s broke (%s)", render.Plural(len(rules), "--fail-on rule"), render.Plural(len(vs), "violation"))}
}

// mdTop is --top for markdown: a job summary or PR comment is read whole
// and not on a terminal, so it holds every operation unless --top is
// given. (JSON always holds every operation: scripts slice it.)
func (o *DiffOptions) mdTop() int {
	if o.topSet != nil && o.topSet() {
		return o.Top
	}
	return 0
}
