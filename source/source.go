package source

import (
	"errors"
	"fmt"
)

// MaxValueDepth is how deeply an attribute value's arrays and maps may nest
// (a scalar is depth 0). Real producers nest a few levels; a deeper value is
// an attack on the decoder's stack, so every decoder rejects it with a
// positioned error (400 / INVALID_ARGUMENT in the receiver). 64 keeps what
// tracetui accepts re-readable after --save (OTLP JSON spends three JSON
// levels per value level, well inside any JSON reader's limit).
const MaxValueDepth = 64

// ErrTooDeep is the error for a value nested deeper than MaxValueDepth.
var ErrTooDeep = fmt.Errorf("attribute value nested deeper than %d levels", MaxValueDepth)

// MaxValueBytes is the default bound on one item a decoder must hold whole
// before it can check it: a JSON string or number, a protobuf frame or
// top-level ResourceSpans. Memory while loading then follows what the input
// holds, not a length it claims, a token's size or a gunzip ratio. Users
// with bigger items raise it (tracetui --max-value).
const MaxValueBytes = 64 << 20

// ErrValueTooBig is the error (wrapped with the details) for an item over
// MaxValueBytes or the user's --max-value; decoders treat it as fatal, never
// as a bad line to skip, since skipping would read the rest of the bomb.
var ErrValueTooBig = errors.New("over the value size limit (raise --max-value if it is real)")

// ErrNoSpans reports input that parsed but held no span at all.
var ErrNoSpans = errors.New("no spans found")

// ParseError is bad input with its position: Line (1-based) for line-oriented
// input such as JSON lines, else Offset (bytes from the start). File is filled
// in by the loader, which knows the name.
type ParseError struct {
	File   string
	Line   int   // 0 when unknown
	Offset int64 // -1 when unknown
	Err    error
}

func (e *ParseError) Error() string {
	file := e.File
	if file == "" {
		file = "<input>"
	}
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", file, e.Line, e.Err)
	case e.Offset >= 0:
		return fmt.Sprintf("%s: byte %d: %v", file, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: %v", file, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Warning is partial data that was loaded anyway: a bad JSON line skipped,
// an ID kept as given. It prints like a ParseError.
type Warning struct {
	File    string
	Line    int
	Offset  int64
	Message string
}

func (w Warning) String() string {
	return (&ParseError{File: w.File, Line: w.Line, Offset: w.Offset, Err: errors.New(w.Message)}).Error()
}

// Warnings collects warnings, folding repeats so a million bad IDs print as
// one line with a count rather than a million lines.
type Warnings struct {
	list   []Warning
	counts map[string]int
}

// maxDistinct caps how many different warnings are kept.
const maxDistinct = 200

// Add records a warning.
func (ws *Warnings) Add(w Warning) {
	if ws.counts == nil {
		ws.counts = make(map[string]int)
	}
	if n, seen := ws.counts[w.Message]; seen {
		ws.counts[w.Message] = n + 1
		return
	}
	ws.counts[w.Message] = 1
	if len(ws.list) < maxDistinct {
		ws.list = append(ws.list, w)
	}
}

// Addf records a warning with a formatted message.
func (ws *Warnings) Addf(line int, offset int64, format string, args ...any) {
	ws.Add(Warning{Line: line, Offset: offset, Message: fmt.Sprintf(format, args...)})
}

// List returns the warnings in arrival order; a message seen n>1 times
// carries "(n times)".
func (ws *Warnings) List() []Warning {
	out := make([]Warning, len(ws.list))
	for i, w := range ws.list {
		if n := ws.counts[w.Message]; n > 1 {
			w.Message = fmt.Sprintf("%s (%d times)", w.Message, n)
		}
		out[i] = w
	}
	return out
}

// Len is the number of distinct warnings.
func (ws *Warnings) Len() int { return len(ws.list) }
