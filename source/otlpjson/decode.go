package otlpjson

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// ErrNotOTLP reports valid JSON that is not an OTLP trace request (no
// resourceSpans anywhere), so the loader can say what the file is not.
var ErrNotOTLP = errors.New("not OTLP JSON: no resourceSpans found")

var errEmpty = errors.New("empty input")

var decoderOptions = []jsontext.Options{
	jsontext.AllowDuplicateNames(true), // checking costs time and memory; last one wins anyway
	jsontext.AllowInvalidUTF8(true),    // rendering sanitizes; a bad byte must not lose a span
}

type decoder struct {
	dec *jsontext.Decoder
	cr  *countingReader
	c   *trace.Collector
	ws  *source.Warnings
	in  *source.Interner

	base   int64         // absolute offset of the decoder's input start
	replay *bytes.Reader // bytes re-fed after a resync, not yet read

	span      trace.Span
	attrStack []trace.Attr
	scratch   []byte
	// hints are the value tables of the previous attribute list's keys
	// by place: spans of one kind send the same keys in the same order.
	hints [16]*source.InternTable

	spans, values int
	depth         int                // arrays and maps open around the value being read
	pending       *source.ParseError // first error, while no value has decoded yet
	err           error

	warnedEmpty, warnedOpaque bool
	// unknownKind is the field of an AnyValue that held only unknown ones,
	// for readKeyValue to name in a warning; "" when none.
	unknownKind   string
	unknownNested bool // unknownKind was inside an arrayValue or kvlistValue
}

// Decode reads OTLP/JSON from r into c. One bad line of JSON lines input is
// a warning (spans read before the error on that line are kept) and the
// next line is decoded; other syntax errors are fatal and carry the line
// and byte offset. Valid input without spans returns nil: the caller
// decides whether that is an error.
func Decode(r io.Reader, c *trace.Collector, ws *source.Warnings) error {
	return DecodeInterned(r, c, ws, source.NewInterner())
}

// DecodeInterned is Decode with a caller's interner, shared across the
// requests a receiver decodes.
func DecodeInterned(r io.Reader, c *trace.Collector, ws *source.Warnings, in *source.Interner) error {
	d := &decoder{c: c, ws: ws, cr: &countingReader{r: r}, in: in}
	d.dec = jsontext.NewDecoder(d.cr, decoderOptions...)
	for {
		var err error
		if d.dec.PeekKind() == 0 {
			if _, err = d.dec.ReadToken(); err == io.EOF {
				break
			}
		} else {
			d.err = nil
			err = d.readTop(true)
		}
		if err != nil {
			if stop, fatal := d.fail(err); fatal != nil {
				return fatal
			} else if stop {
				break
			}
			continue
		}
		d.values++
		if d.pending != nil {
			d.ws.Add(d.warning(d.pending))
			d.pending = nil
		}
	}
	if d.pending != nil {
		return d.pending
	}
	if d.values == 0 && d.spans == 0 {
		return &source.ParseError{Offset: 0, Err: errEmpty}
	}
	return nil
}

// fail turns a decode error into a warning and a resync at the next line
// when the input has proved to be line-oriented, else into the error to
// return. An error before any value decoded is held back: if a later line
// decodes, the input was JSON lines with a bad first line.
func (d *decoder) fail(err error) (stop bool, fatal error) {
	pe := d.positioned(err)
	if errors.Is(err, source.ErrValueTooBig) {
		return true, pe
	}
	if d.values == 0 {
		if d.pending != nil {
			return true, d.pending
		}
		d.pending = pe
	} else {
		d.ws.Add(d.warning(pe))
	}
	if errors.Is(pe.Err, errTruncated) || !d.resync(pe.Offset) {
		// Nothing follows: a truncated value runs to the end of input.
		if d.pending != nil {
			return true, d.pending
		}
		return true, nil
	}
	return false, nil
}

var (
	errTruncated = errors.New("truncated JSON (unexpected end of input)")
	errNotNumber = errors.New("a number field holds something that is not a number")
)

func (d *decoder) warning(pe *source.ParseError) source.Warning {
	return source.Warning{Line: pe.Line, Offset: pe.Offset, Message: pe.Err.Error() + " (rest of line skipped)"}
}

// positioned wraps err with its absolute byte offset and line.
func (d *decoder) positioned(err error) *source.ParseError {
	off := d.base + d.dec.InputOffset()
	var se *jsontext.SyntacticError
	var ve *valueError
	if errors.As(err, &ve) {
		return &source.ParseError{Line: d.line(ve.off), Offset: ve.off, Err: ve}
	}
	if errors.As(err, &se) {
		off = d.base + se.ByteOffset
		err = se.Err
	}
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = errTruncated
	case errors.Is(err, ErrNotOTLP):
		err = ErrNotOTLP
	case errors.Is(err, errBadNumber):
		err = errNotNumber
	case errors.Is(err, errNumberSize):
	case errors.Is(err, source.ErrValueTooBig):
	default:
		err = fmt.Errorf("invalid JSON: %w", err)
	}
	return &source.ParseError{Line: d.line(off), Offset: off, Err: err}
}
