package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tracetui/tracetui/checks"
	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// checkFlags are the rules and CI outputs check and run share.
type checkFlags struct {
	expects     []string
	files       []string
	noErrors    bool
	maxDuration time.Duration
	noFindings  []string
	junit       string
	ci          string
	testAttr    string

	rules []*checks.Rule // compiled by validate
	flags *pflag.FlagSet // to tell --max-duration 0 from no --max-duration

	// warnWrites: a --junit or step summary that cannot be written is a
	// warning on stderr, not the exit code. run sets it: by then CMD has
	// run and its exit code (or the checks') is the answer the job needs.
	warnWrites bool
}

func (f *checkFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	f.flags = fl
	fl.StringArrayVar(&f.expects, "expect", nil, "a TraceQL query every trace must yield spans for, or whose final comparison must hold ('{ status = error } | count() = 0'); repeatable")
	fl.StringArrayVar(&f.files, "check", nil, "a YAML `FILE` of named checks {name, where, select, assert: [...], optional}; repeatable")
	fl.BoolVar(&f.noErrors, "no-errors", false, "check: no span has status error")
	fl.DurationVar(&f.maxDuration, "max-duration", 0, "check: every trace takes at most this long (e.g. 2s)")
	fl.StringArrayVar(&f.noFindings, "no-findings", nil, "check: no finding of this `KIND` ("+strings.Join(checks.FindingKinds(), ", ")+"); repeatable")
	fl.StringVar(&f.junit, "junit", "", "also write JUnit XML to `FILE` (GitLab, Jenkins, CircleCI, Buildkite show it): a testcase per rule and trace; for run without rules, per test the traces name")
	fl.StringVar(&f.ci, "ci", "auto", "CI conventions: auto (GitHub Actions when GITHUB_ACTIONS=true), github, none")
	fl.StringVar(&f.testAttr, "test-attr", checks.AttrTestName, "the span or resource attribute naming the test a trace belongs to")
	completeValues(cmd, "ci", "auto", "github", "none")
	completeValues(cmd, "no-findings", checks.FindingKinds()...)
}

// validate compiles every rule before anything runs: a typo costs no
// test run and exits 2 with where it is. A checks file that cannot be
// read is input unreadable (3).
func (f *checkFlags) validate() error {
	switch f.ci {
	case "auto", "github", "none":
	default:
		return usagef("--ci must be auto, github or none, got %q", f.ci)
	}
	// A budget of 0 would fail every trace: a mistake ($BUDGET unset, 0
	// meant as "off"), not a check anyone wants.
	if f.maxDuration < 0 || f.maxDuration == 0 && f.flags != nil && f.flags.Changed("max-duration") {
		return usagef("--max-duration must be above 0 (a budget like 2s or 300ms), got %s", f.maxDuration)
	}
	f.rules = nil
	for _, e := range f.expects {
		// An empty query selects every trace: --expect "$UNSET" would pass
		// whatever the traces hold, so it is a mistake, not a check.
		if strings.TrimSpace(e) == "" {
			return usagef("--expect is empty: give a TraceQL query, like '{ status = error } | count() = 0'")
		}
		r, err := checks.Expect(e)
		if err != nil {
			return usagef("--expect: %v", err)
		}
		f.rules = append(f.rules, r)
	}
	if f.noErrors {
		f.rules = append(f.rules, checks.NoErrors())
	}
	if f.maxDuration > 0 {
		f.rules = append(f.rules, checks.MaxDurationRule(int64(f.maxDuration), shortDuration(f.maxDuration)))
	}
	for _, k := range f.noFindings {
		r, err := checks.NoFindingsRule(k)
		if err != nil {
			return usagef("%v", err)
		}
		f.rules = append(f.rules, r)
	}
	for _, path := range f.files {
		rs, err := checks.LoadFile(path)
		var re *checks.ReadError
		if errors.As(err, &re) {
			return fmt.Errorf("--check: %w", err)
		}
		if err != nil {
			return usagef("%v", err)
		}
		f.rules = append(f.rules, rs...)
	}
	// A check's name is how a report, JUnit and an annotation tell it
	// apart: two checks of one name would read as one.
	seen := map[string]string{}
	for _, r := range f.rules {
		if !strings.HasPrefix(r.Origin, "--") {
			if first, ok := seen[r.Name]; ok {
				return usagef("%s: a second check named %q (the first is at %s): give each check a name of its own", r.Origin, r.Name, first)
			}
			seen[r.Name] = r.Origin
		}
	}
	return nil
}

// github reports whether GitHub Actions' conventions apply.
func (f *checkFlags) github(ios *IOStreams) bool {
	return f.ci == "github" || f.ci == "auto" && ios.Getenv("GITHUB_ACTIONS") == "true"
}

// analyze readies traces for the rules: findings only when a rule
// needs them (they cost as much as the rest of the analysis).
func (f *checkFlags) analyze(traces []*trace.Trace) []trace.Analyzed {
	opt := trace.PipelineOptions{}
	if checks.NeedsFindings(f.rules) {
		opt.Steps = trace.StepFindings
	}
	return trace.AnalyzeAll(traces, opt)
}

// report evaluates the rules and writes the results: the report in
// format to stdout, --junit, and under GitHub Actions the step summary
// and one annotation per failing rule and trace (on stderr). Its error is
// answerNoError when a rule failed.
func (f *checkFlags) report(ios *IOStreams, out *outputFlags, all []trace.Analyzed) (render.CheckReport, error) {
	rep := render.CheckReport{Results: checks.Evaluate(f.rules, all), Traces: all, TestAttr: f.testAttr}
	opt := out.options(ios)
	// Each output on its own: a bug in one (an internal error) leaves the
	// others written, and the exit code to the caller.
	var internal error
	err := safely(ios, &internal, func() error {
		switch out.format {
		case "json":
			b, err := render.CheckJSON(rep)
			return out.writeJSON(ios, b, err)
		case "markdown":
			fmt.Fprint(ios.Out, render.CheckMarkdown(rep, opt))
		default:
			for _, l := range checkText(rep, opt) {
				fmt.Fprintln(ios.Out, l)
			}
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	if f.junit != "" {
		err := safely(ios, &internal, func() error {
			b, err := render.CheckJUnit(rep)
			if err == nil {
				err = os.WriteFile(f.junit, b, 0o644)
			}
			if err != nil {
				return f.writeFailed(ios, fmt.Errorf("--junit: %w", err))
			}
			return nil
		})
		if err != nil {
			return rep, err
		}
	}
	if f.github(ios) {
		err := safely(ios, &internal, func() error {
			if err := appendStepSummary(ios, render.CheckMarkdown(rep, opt)); err != nil {
				if err := f.writeFailed(ios, err); err != nil {
					return err
				}
			}
			// Annotations go to stderr: the runner reads workflow commands
			// from either stream, and stdout is the report (JSON, markdown) a
			// job may pipe into a file or a tool.
			for _, a := range render.CheckAnnotations(rep) {
				fmt.Fprintln(ios.ErrOut, a)
			}
			return nil
		})
		if err != nil {
			return rep, err
		}
	}
	if internal != nil {
		return rep, internal
	}
	if n := rep.Failed(); n > 0 {
		return rep, &answerNoError{fmt.Errorf("%s failed", render.Plural(n, "check"))}
	}
	return rep, nil
}

// checkText is render.CheckText, a variable so a test can make it fail.
var checkText = render.CheckText

// errInternal is a bug met while reporting, already said on stderr: exit 3
// (run keeps CMD's own failure instead).
var errInternal = &exitStatusError{exitInput}

// safely runs one part of a report. A panic in it is said on stderr as
// the internal error it is, *internal is set to errInternal, and nil is
// returned so the other parts still come out.
func safely(ios *IOStreams, internal *error, part func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(ios.ErrOut, "tracetui: internal error: %s\nPlease report this with the input that caused it.\n", render.Sanitize(fmt.Sprint(r)))
			*internal, err = errInternal, nil
		}
	}()
	return part()
}

// writeFailed is what a failed write of an output file becomes: under
// warnWrites a warning (nil), else err.
func (f *checkFlags) writeFailed(ios *IOStreams, err error) error {
	if !f.warnWrites {
		return err
	}
	fmt.Fprintf(ios.ErrOut, "tracetui: warning: %s\n", render.Sanitize(err.Error()))
	return nil
}

// checkOutputs tries the output files before anything runs, so a path
// that cannot be written costs no test run: --junit (created, or opened
// for writing when it exists, and left as it was) and, under GitHub
// Actions, $GITHUB_STEP_SUMMARY (opened for appending).
func (f *checkFlags) checkOutputs(ios *IOStreams) error {
	if f.junit != "" {
		_, statErr := os.Stat(f.junit)
		fh, err := os.OpenFile(f.junit, os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("--junit: %w", err)
		}
		fh.Close()
		if os.IsNotExist(statErr) {
			os.Remove(f.junit) // it is written after the run; none until then
		}
	}
	if path := ios.Getenv("GITHUB_STEP_SUMMARY"); path != "" && f.github(ios) {
		fh, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
		fh.Close()
	}
	return nil
}

// appendStepSummary adds markdown to $GITHUB_STEP_SUMMARY, when it is set.
func appendStepSummary(ios *IOStreams, md string) error {
	path := ios.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return nil
	}
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	_, err = fh.WriteString(md + "\n")
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	return nil
}

// shortDuration is d as a user writes it: 1h, not 1h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
