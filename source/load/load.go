package load

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// Input is one thing to read: a named file, or a reader (stdin, the demo).
type Input struct {
	Name   string    // file path, "-" for stdin, or a label for errors
	Reader io.Reader // when set, read this instead of opening Name
}

// Result is every trace found in the inputs, merged by trace ID.
type Result struct {
	Traces   []*trace.Trace
	Warnings []source.Warning
	Bytes    int64 // input bytes read, compressed size for gzip
}

// Options tune a load.
type Options struct {
	// Progress, when set, is called now and then with the bytes read so far
	// across all inputs and the spans decoded, so a UI can show progress.
	Progress func(bytes int64, spans int)
	// MaxValue bounds one item a decoder must hold whole (a JSON token, a
	// protobuf frame or top-level ResourceSpans), bytes; 0 is
	// source.MaxValueBytes.
	MaxValue int64
}

// All reads every input into one set of traces. The first input that cannot
// be read or decoded stops the load with an error naming it and the position.
func All(inputs []Input, opt Options) (*Result, error) {
	c := trace.NewCollector()
	res := &Result{}
	logs := make([][]trace.LogRecord, len(inputs)) // by input, so a warning names its file
	for k, in := range inputs {
		var ws source.Warnings
		var side signals
		n, err := one(in, c, &ws, res.Bytes, opt, &side)
		res.Bytes += n
		logs[k] = side.logs
		if side.metricExports > 0 {
			// Not an error: the file is what `listen --save` or a
			// Collector writes. Said once, so nobody wonders where they went.
			ws.Add(source.Warning{Offset: -1, Message: fmt.Sprintf("skipped %s (tracetui reads traces and their logs)",
				source.Plural(side.metricExports, "metrics export"))})
		}
		for _, w := range ws.List() {
			w.File = displayName(in.Name)
			res.Warnings = append(res.Warnings, w)
		}
		if err != nil {
			return nil, named(in.Name, err)
		}
	}
	res.Traces = c.Traces()
	byID := make(map[trace.TraceID]*trace.Trace, len(res.Traces))
	for _, t := range res.Traces {
		byID[t.ID] = t
	}
	for k, in := range inputs {
		if n := attachLogs(byID, logs[k]); n > 0 {
			res.Warnings = append(res.Warnings, source.Warning{File: displayName(in.Name), Offset: -1,
				Message: fmt.Sprintf("not shown: %s naming no span of the traces read", source.Plural(n, "log record"))})
		}
	}
	return res, nil
}

func one(in Input, c *trace.Collector, ws *source.Warnings, before int64, opt Options, side *signals) (int64, error) {
	r := in.Reader
	size := int64(-1)
	if r == nil {
		f, err := openFile(in.Name)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			size = st.Size()
		}
		var progress func(int64, int)
		if opt.Progress != nil {
			progress = func(n int64, spans int) { opt.Progress(before+n, spans) }
		}
		spansBefore := c.SpanCount()
		if decodeParallel(f, size, c, maxValueOf(opt), side, progress) {
			if c.SpanCount() == spansBefore {
				return size, noSpans(side)
			}
			return size, nil
		}
		r = f
	}
	cr := &countingReader{r: r, base: before, progress: opt.Progress, c: c}
	spansBefore := c.SpanCount()
	err := decode(cr, size, c, ws, maxValueOf(opt), side)
	if err == nil && c.SpanCount() == spansBefore {
		err = noSpans(side)
	}
	return cr.n, err
}

func maxValueOf(opt Options) int64 {
	if opt.MaxValue <= 0 {
		return source.MaxValueBytes
	}
	return opt.MaxValue
}

func noSpans(side *signals) error {
	if side.logExports+side.metricExports > 0 {
		return fmt.Errorf("%w: only %s and %s", source.ErrNoSpans,
			source.Plural(side.logExports, "logs export"), source.Plural(side.metricExports, "metrics export"))
	}
	return source.ErrNoSpans
}

func openFile(name string) (*os.File, error) {
	st, err := os.Stat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errors.New("no such file")
	case errors.Is(err, fs.ErrPermission):
		return nil, errors.New("permission denied")
	case err != nil:
		return nil, err
	case st.IsDir():
		return nil, errors.New("is a directory, not a trace file")
	}
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrPermission) {
		return nil, errors.New("permission denied")
	}
	return f, err
}

// named puts the input's name on an error, keeping the position when the
// decoder reported one.
func named(name string, err error) error {
	name = displayName(name)
	var pe *source.ParseError
	if errors.As(err, &pe) {
		pe.File = name
		return pe
	}
	return &source.ParseError{File: name, Offset: -1, Err: err}
}

// countingReader counts bytes for progress reports without a second pass.
type countingReader struct {
	r        io.Reader
	n, base  int64
	next     int64
	progress func(int64, int)
	c        *trace.Collector
}

const progressEvery = 4 << 20

func (cr *countingReader) Read(p []byte) (int, error) {
	n, err := cr.r.Read(p)
	cr.n += int64(n)
	if cr.progress != nil && cr.n >= cr.next {
		cr.next = cr.n + progressEvery
		cr.progress(cr.base+cr.n, cr.c.SpanCount())
	}
	return n, err
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}
