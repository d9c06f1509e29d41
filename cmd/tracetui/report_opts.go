package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// reportFlags are the output flags print, list, open and demo share.
type reportFlags struct {
	width    int
	color    string
	ascii    bool
	maxSpans int
	format   string
	traceID  string
	noFold   bool
	repeat   int
}

func (f *reportFlags) findOptions() trace.FindOptions {
	return trace.FindOptions{RepeatThreshold: f.repeat}
}

func (f *reportFlags) register(cmd *cobra.Command, formats string) {
	fl := cmd.Flags()
	fl.IntVar(&f.width, "width", 0, "output width in columns (default: the terminal's, else $COLUMNS, else 120)")
	fl.StringVar(&f.color, "color", "auto", "colour: auto (only on a terminal, honours NO_COLOR), always, never")
	fl.BoolVar(&f.ascii, "ascii", false, "use only ASCII characters")
	fl.StringVar(&f.format, "format", "text", "output format: "+formats)
	fl.StringVar(&f.traceID, "trace", "", "only the trace with this ID (a unique prefix is enough)")
	fl.BoolVar(&f.noFold, "no-fold", false, "show every repeated call instead of one row per run of them")
	fl.IntVar(&f.repeat, "repeat-threshold", 5, "sibling calls repeated this often fold into one row and may be an N+1")
	_ = cmd.RegisterFlagCompletionFunc("color", cobra.FixedCompletions([]string{"auto", "always", "never"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(strings.Split(formats, "|"), cobra.ShellCompDirectiveNoFileComp))
}

func (f *reportFlags) validate(formats string) error {
	if f.width < 0 {
		return usagef("--width must be positive, got %d", f.width)
	}
	if f.width > 0 && f.width < 20 {
		return usagef("--width must be at least 20, got %d", f.width)
	}
	if f.repeat < 2 {
		return usagef("--repeat-threshold must be at least 2, got %d", f.repeat)
	}
	if f.maxSpans < 0 {
		return usagef("--max-spans must be positive, got %d", f.maxSpans)
	}
	switch f.color {
	case "auto", "always", "never":
	default:
		return usagef("--color must be auto, always or never, got %q", f.color)
	}
	if !contains(strings.Split(formats, "|"), f.format) {
		return usagef("--format must be one of %s, got %q", strings.ReplaceAll(formats, "|", ", "), f.format)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// useColor decides colour once, at the edge: never in JSON or markdown,
// never when NO_COLOR is set (unless forced), only on a terminal in auto.
func (f *reportFlags) useColor(ios *IOStreams) bool {
	if f.format != "text" {
		return false
	}
	switch f.color {
	case "always":
		return true
	case "never":
		return false
	}
	return ios.StdoutIsTTY && ios.Getenv("NO_COLOR") == ""
}

func (f *reportFlags) options(ios *IOStreams) render.Options {
	width := f.width
	if width == 0 {
		width = ios.defaultWidth()
	}
	styles := render.PlainStyles()
	if f.useColor(ios) {
		styles = render.DefaultStyles(true)
	}
	return render.Options{Width: width, ASCII: f.ascii, Styles: styles, MaxSpans: f.maxSpans, Loc: time.UTC, NoFold: f.noFold}
}

// errNoTrace explains a --trace that matched nothing, listing what exists.
func errNoTrace(id string, have int) error {
	return fmt.Errorf("no trace matches %q (%d traces loaded; see tracetui list)", id, have)
}
