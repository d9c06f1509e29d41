package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// outputFlags are how every command that draws something is told to draw
// it; registered by one function so their names, defaults and help never
// differ between commands.
type outputFlags struct {
	width  int
	color  string
	ascii  bool
	format string
}

func (f *outputFlags) register(cmd *cobra.Command, formats string) {
	fl := cmd.Flags()
	fl.IntVar(&f.width, "width", 0, "output width in columns (default: the terminal's, else $COLUMNS, else 120)")
	fl.StringVar(&f.color, "color", "auto", "colour: auto (only on a terminal; honours NO_COLOR, CLICOLOR and CLICOLOR_FORCE), always, never")
	fl.BoolVar(&f.ascii, "ascii", false, "use only ASCII characters")
	fl.StringVar(&f.format, "format", "text", "output format: "+formats)
	completeValues(cmd, "color", "auto", "always", "never")
	completeValues(cmd, "format", strings.Split(formats, "|")...)
}

// minWidth is the narrowest output, in columns, every command honours:
// list, stats and diff keep their essential columns (ID, duration, counts;
// P50, CHANGE, NOISE) and wrap names on a second line at it.
const minWidth = 40

func (f *outputFlags) validate(formats string) error {
	if f.width < 0 {
		return usagef("--width must be positive, got %d", f.width)
	}
	if f.width > 0 && f.width < minWidth {
		return usagef("--width must be at least %d (the narrowest every table and diff can be drawn at), got %d", minWidth, f.width)
	}
	switch f.color {
	case "auto", "always", "never":
	default:
		return usagef("--color must be auto, always or never, got %q", f.color)
	}
	if !slices.Contains(strings.Split(formats, "|"), f.format) {
		return usagef("--format must be one of %s, got %q", strings.ReplaceAll(formats, "|", ", "), f.format)
	}
	return nil
}

// options are the render options the flags ask for. Only text is ever
// coloured: escapes inside JSON or markdown would corrupt them.
func (f *outputFlags) options(ios *IOStreams) render.Options {
	width := f.width
	if width == 0 {
		// A narrower terminal or $COLUMNS gets lines of minWidth: below it
		// the number columns alone would not fit.
		width = max(ios.defaultWidth(), minWidth)
	}
	styles := render.PlainStyles()
	if f.format == "text" && ios.ColorEnabled(f.color) {
		styles = render.DefaultStyles(true)
	}
	glyphs := render.Unicode
	if f.ascii {
		glyphs = render.ASCII
	}
	return render.Options{Width: width, Glyphs: glyphs, Styles: styles, Loc: time.UTC, FullNames: !ios.StdoutIsTTY}
}

// reportFlags are the output flags plus what selects and shapes a trace
// report: print, list, open, demo, stats and services share them.
type reportFlags struct {
	outputFlags
	maxSpans int
	traceID  string
	noFold   bool
	repeat   int
	where    whereFlag // registered by print, list, stats and services only
}

func (f *reportFlags) register(cmd *cobra.Command, formats string) {
	f.outputFlags.register(cmd, formats)
	fl := cmd.Flags()
	fl.StringVar(&f.traceID, "trace", "", "only the trace with this ID (a unique prefix is enough)")
	fl.BoolVar(&f.noFold, "no-fold", false, "show every repeated call instead of one row per run of them")
	fl.IntVar(&f.repeat, "repeat-threshold", 5, "sibling calls repeated this often fold into one row and may be an N+1")
}

// maxSpansHelp is --max-spans' promise, the same on print, open and demo:
// the spans that answer "where did the time go and where did it fail"
// are never folded away, so they may exceed N, and the help says so.
const maxSpansHelp = "show at most N spans per trace; the critical path, errors, --where matches and their ancestors always stay, even past N (0: all)"

// registerMaxSpans adds --max-spans, for the commands that print a waterfall.
func (f *reportFlags) registerMaxSpans(cmd *cobra.Command, prefix string) {
	cmd.Flags().IntVar(&f.maxSpans, "max-spans", 0, prefix+maxSpansHelp)
}

func (f *reportFlags) validate(formats string) error {
	if err := f.outputFlags.validate(formats); err != nil {
		return err
	}
	if f.repeat < 2 {
		return usagef("--repeat-threshold must be at least 2, got %d", f.repeat)
	}
	if f.maxSpans < 0 {
		return usagef("--max-spans must be 0 (no limit) or more, got %d", f.maxSpans)
	}
	return f.where.validate()
}

func (f *reportFlags) findOptions() trace.FindOptions {
	return trace.FindOptions{RepeatThreshold: f.repeat}
}

func (f *reportFlags) options(ios *IOStreams) render.Options {
	opt := f.outputFlags.options(ios)
	opt.MaxSpans, opt.NoFold = f.maxSpans, f.noFold
	f.where.mark(&opt)
	return opt
}

// errNoTrace explains a --trace that matched nothing, listing what exists.
// An ID that is not hex (and that no producer's own ID starts with) is a
// usage error, exit 2, as the README promises.
func errNoTrace(id string, have int) error {
	if id == "" || !source.IsHex(id) {
		return usagef("--trace %q is not hex, and no trace's own ID starts with it (%d traces loaded; see tracetui list)", id, have)
	}
	return fmt.Errorf("no trace matches %q (%d traces loaded; see tracetui list)", id, have)
}

// writeJSON writes an encoded document (or returns the error that stopped
// its encoding). Under --ascii every non-ASCII character becomes a \u
// escape: the promise is "no byte above 0x7F", and the JSON reader still
// gets the exact strings.
func (f *outputFlags) writeJSON(ios *IOStreams, out []byte, err error) error {
	if err != nil {
		return err
	}
	if f.ascii {
		out = render.ASCIIJSON(out)
	}
	_, err = ios.Out.Write(out)
	return err
}
