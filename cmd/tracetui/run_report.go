package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/tracetui/tracetui/checks"
	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

// runVerdict reports after CMD: what was received, the traces that explain
// a failure, the checks; and decides the exit code (CMD's failure first).
func runVerdict(opts *RunOptions, code int, endpoint string, traces []*trace.Trace, st receiver.Stats) error {
	ios := opts.IO
	all := trace.AnalyzeAll(traces, trace.PipelineOptions{Steps: trace.StepFindings})
	cmdName := render.Sanitize(opts.Cmd[0])
	if len(all) == 0 {
		noTraces(opts, code, endpoint)
	} else {
		line := fmt.Sprintf("tracetui: %s exited with %d; received %s in %s", cmdName, code,
			render.Plural(st.Received, "span"), render.Plural(st.Traces, "trace"))
		for _, l := range render.FitLines([]string{line}, opts.Out.options(ios).Width) {
			fmt.Fprintln(ios.ErrOut, l)
		}
	}
	// A bug in one part of the report (an internal error) is said, and
	// the other parts still come out: CMD's exit code is the answer.
	var internal error
	if len(all) > 0 && (opts.Report == "always" || opts.Report == "on-failure" && code != 0) {
		if err := safely(ios, &internal, func() error { return printExplaining(opts, code, all) }); err != nil {
			return err
		}
	}
	if len(opts.Checks.rules) == 0 && opts.Checks.junit != "" {
		err := safely(ios, &internal, func() error {
			b, err := render.RunJUnit(all, opts.Checks.testAttr)
			if err == nil {
				err = os.WriteFile(opts.Checks.junit, b, 0o644)
			}
			if err != nil {
				return opts.Checks.writeFailed(ios, fmt.Errorf("--junit: %w", err))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	var checkErr error
	if len(opts.Checks.rules) > 0 {
		_, checkErr = opts.Checks.report(ios, &opts.Out, all)
		var no *answerNoError
		if checkErr != nil && checkErr != errInternal && !errors.As(checkErr, &no) {
			return checkErr
		}
	}
	if code != 0 {
		return &exitStatusError{code}
	}
	if internal != nil {
		return internal
	}
	return checkErr
}

// noTraces says plainly that CMD exported nothing, and what it was told:
// the variables run set, and any in its environment that turn tracing off.
func noTraces(opts *RunOptions, code int, endpoint string) {
	ios := opts.IO
	w := opts.Out.options(ios).Width
	for _, l := range render.FitLines([]string{fmt.Sprintf("tracetui: %s exited with %d; no traces received", render.Sanitize(opts.Cmd[0]), code)}, w) {
		fmt.Fprintln(ios.ErrOut, l)
	}
	hint := "  it ran with OTEL_EXPORTER_OTLP_ENDPOINT=" + endpoint +
		", which takes OTLP/HTTP and OTLP/gRPC: an app that starts an OpenTelemetry SDK with its default (OTLP) exporter sends its spans there"
	for _, kv := range opts.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		switch {
		case k == "OTEL_SDK_DISABLED" && strings.EqualFold(v, "true"),
			k == "OTEL_TRACES_EXPORTER" && v != "" && !strings.Contains(v, "otlp"):
			hint += "; " + k + "=" + v + " turns it off"
		}
	}
	for _, l := range render.FitLines([]string{render.Sanitize(hint)}, w) {
		fmt.Fprintln(ios.ErrOut, l)
	}
	due := opts.Report == "always" || opts.Report == "on-failure" && code != 0
	if due && opts.Checks.github(ios) {
		md := "### tracetui run: no traces received\n\n" + render.MarkdownText(strings.TrimSpace(hint)) + "\n"
		if err := appendStepSummary(ios, md); err != nil {
			opts.Checks.writeFailed(ios, err)
		}
	}
}

// picked is a trace chosen to explain the run, with its test if any.
type picked struct {
	t      trace.Analyzed
	test   checks.Test
	inTest bool
}

// explaining chooses what to print: when spans name tests, the traces of
// the failing tests (and none of the passing ones'); otherwise, or when
// no named test failed, the traces with errors first (most errors, then
// the longest), then the slowest, top in all. omitted counts the traces
// with errors left out. passed says spans named tests and none failed.
func explaining(all []trace.Analyzed, testAttr string, top int) (out []picked, omitted int, passed bool) {
	tested := false
	for _, t := range all {
		test, ok := checks.TestOf(t.Tree, testAttr, t.Analysis.Errors)
		tested = tested || ok
		if ok && test.Failed {
			out = append(out, picked{t: t, test: test, inTest: true})
		}
	}
	if tested && len(out) > 0 {
		// Grouped by test, in the order the tests first failed.
		first := map[string]int{}
		for k, p := range out {
			if _, ok := first[p.test.Name]; !ok {
				first[p.test.Name] = k
			}
		}
		slices.SortStableFunc(out, func(a, b picked) int { return cmp.Compare(first[a.test.Name], first[b.test.Name]) })
		return out, 0, false
	}
	rest := slices.Clone(all)
	slices.SortStableFunc(rest, func(a, b trace.Analyzed) int {
		if c := cmp.Compare(b.Analysis.Errors, a.Analysis.Errors); c != 0 {
			return c
		}
		return cmp.Compare(b.Tree.Duration(), a.Tree.Duration())
	})
	for k, t := range rest {
		if k < top {
			test, ok := checks.TestOf(t.Tree, testAttr, t.Analysis.Errors)
			out = append(out, picked{t: t, test: test, inTest: ok})
		} else if t.Analysis.Errors > 0 {
			omitted++
		}
	}
	return out, omitted, tested
}

// printExplaining prints the chosen traces as print does, each after a
// line naming its test, and under GitHub Actions adds them to the step
// summary with one annotation per failing test's trace.
func printExplaining(opts *RunOptions, code int, all []trace.Analyzed) error {
	ios := opts.IO
	chosen, omitted, passed := explaining(all, opts.Checks.testAttr, opts.Top)
	if len(chosen) == 0 {
		return nil
	}
	opt := opts.Out.options(ios)
	opt.MaxSpans = opts.MaxSpans
	g := opt.Glyphs
	if passed && code != 0 {
		// The traces that follow are not a failing test's: say why they
		// were picked, or they read as the cause.
		fmt.Fprintln(ios.Out)
		for _, l := range render.FitLines([]string{fmt.Sprintf("tracetui: %s exited with %d but no test failed; showing the traces with errors first, then the slowest (--top %d)",
			render.Sanitize(opts.Cmd[0]), code, opts.Top)}, opt.Width) {
			fmt.Fprintln(ios.Out, l)
		}
	}
	var md strings.Builder
	for _, p := range chosen {
		fmt.Fprintln(ios.Out)
		title := "trace " + p.t.Tree.Trace.DisplayID()
		if p.inTest {
			verdict := "passed"
			if p.test.Failed {
				verdict = "failed"
			}
			title = "test " + render.TestName(p.test, g) + " " + verdict
		}
		for _, l := range render.FitLines([]string{"tracetui: " + title}, opt.Width) {
			fmt.Fprintln(ios.Out, opt.Styles.Paint(opt.Styles.Header, l))
		}
		for _, l := range render.FitLines(render.TraceText(p.t, opt), opt.Width) {
			fmt.Fprintln(ios.Out, l)
		}
		mdTitle := render.TestName(p.test, render.Unicode)
		switch {
		case !p.inTest:
			mdTitle = "trace"
		case p.test.Failed:
			mdTitle = "❌ test " + mdTitle + " failed"
		default:
			mdTitle = "test " + mdTitle + " passed"
		}
		md.WriteString(render.RunTraceMarkdown(mdTitle, p.t, opt) + "\n")
	}
	if omitted > 0 {
		fmt.Fprintln(ios.Out)
		for _, l := range render.FitLines([]string{fmt.Sprintf("tracetui: %s with errors not shown (--top %d; --save keeps every trace)",
			render.Plural(omitted, "more trace"), opts.Top)}, opt.Width) {
			fmt.Fprintln(ios.Out, l)
		}
	}
	if !opts.Checks.github(ios) {
		return nil
	}
	if err := appendStepSummary(ios, "### tracetui run: the traces that explain it\n\n"+md.String()); err != nil {
		if err := opts.Checks.writeFailed(ios, err); err != nil {
			return err
		}
	}
	for _, p := range chosen {
		if !p.inTest || !p.test.Failed {
			continue
		}
		msg := []string{"trace " + p.t.Tree.Trace.DisplayID()}
		msg = append(msg, render.Unicode.Diagnosis(p.t.Tree, p.t.Analysis)...)
		// stderr, as check's: stdout stays the report.
		fmt.Fprintln(ios.ErrOut, render.Annotation("tracetui: test "+render.TestName(p.test, render.Unicode)+" failed", strings.Join(msg, "\n")))
	}
	return nil
}
