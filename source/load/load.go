package load

import (
	"errors"
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
	for _, in := range inputs {
		var ws source.Warnings
		n, err := one(in, c, &ws, res.Bytes, opt)
		res.Bytes += n
		for _, w := range ws.List() {
			w.File = displayName(in.Name)
			res.Warnings = append(res.Warnings, w)
		}
		if err != nil {
			return nil, named(in.Name, err)
		}
	}
	res.Traces = c.Traces()
	return res, nil
}

func one(in Input, c *trace.Collector, ws *source.Warnings, before int64, opt Options) (int64, error) {
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
		r = f
	}
	cr := &countingReader{r: r, base: before, progress: opt.Progress, c: c}
	spansBefore := c.SpanCount()
	maxValue := opt.MaxValue
	if maxValue <= 0 {
		maxValue = source.MaxValueBytes
	}
	err := decode(cr, size, c, ws, maxValue)
	if err == nil && c.SpanCount() == spansBefore {
		err = source.ErrNoSpans
	}
	return cr.n, err
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
