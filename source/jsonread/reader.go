package jsonread

import (
	"errors"
	"io"
	"math"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/source"
)

// Reader walks one JSON stream.
type Reader struct {
	Dec *jsontext.Decoder
}

// New reads r, tolerating duplicate names (last wins) and invalid UTF-8
// (rendering sanitizes; a bad byte must not lose a span).
func New(r io.Reader) *Reader {
	return &Reader{Dec: jsontext.NewDecoder(r, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))}
}

// Kind is the kind of the next value: '{', '[', '"', '0', 't', 'f', 'n',
// or 0 at the end of input.
func (r *Reader) Kind() jsontext.Kind { return r.Dec.PeekKind() }

// Object calls fn with each member name; fn must consume the value. A
// value that is not an object (null, mostly) is skipped.
func (r *Reader) Object(fn func(name string) error) error {
	if r.Dec.PeekKind() != '{' {
		return r.Dec.SkipValue()
	}
	if _, err := r.Dec.ReadToken(); err != nil {
		return err
	}
	for r.Dec.PeekKind() != '}' {
		tok, err := r.Dec.ReadToken()
		if err != nil {
			return err
		}
		if err := fn(tok.String()); err != nil {
			return err
		}
	}
	_, err := r.Dec.ReadToken()
	return err
}

// Array calls fn for each element; fn must consume it. A non-array is skipped.
func (r *Reader) Array(fn func() error) error {
	if r.Dec.PeekKind() != '[' {
		return r.Dec.SkipValue()
	}
	if _, err := r.Dec.ReadToken(); err != nil {
		return err
	}
	for r.Dec.PeekKind() != ']' {
		if err := fn(); err != nil {
			return err
		}
	}
	_, err := r.Dec.ReadToken()
	return err
}

// Skip consumes the next value.
func (r *Reader) Skip() error { return r.Dec.SkipValue() }

// String reads a string; a number or bool gives its text, null gives "".
func (r *Reader) String() (string, error) {
	tok, err := r.Dec.ReadToken()
	if err != nil {
		return "", err
	}
	switch tok.Kind() {
	case '"', '0':
		return tok.String(), nil
	case 't':
		return "true", nil
	case 'f':
		return "false", nil
	case 'n':
		return "", nil
	}
	return "", r.wrongType(tok.Kind())
}

// ErrNotInteger reports a time, duration or count that is not an integer.
var ErrNotInteger = errors.New("expected an integer")

// numberText reads a number, or a number written as a string, and
// returns its text; null and "" read as "".
func (r *Reader) numberText() (string, error) {
	tok, err := r.Dec.ReadToken()
	if err != nil {
		return "", err
	}
	switch tok.Kind() {
	case 'n':
		return "", nil
	case '0', '"':
		return tok.String(), nil
	}
	return "", ErrNotInteger
}

// Int reads an integer given as a number or a numeric string, exactly
// (never through float64: microsecond timestamps exceed 2^53 ns). null is 0.
func (r *Reader) Int() (int64, error) {
	s, err := r.numberText()
	if err != nil || s == "" {
		return 0, err
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	// 1.7e15 or 12.0 from a float-happy producer: accept whole values.
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int64(f)) {
		return int64(f), nil
	}
	return 0, ErrNotInteger
}

// Micros reads a Jaeger or Zipkin microsecond time or duration: a whole
// number, or a float-happy producer's 1.7e15 or 1700000000000000.5 (cut
// to whole µs). A number no int64 holds (1e308, 18446744073709551616)
// reads as -1, which callers report as out of range with the span's time
// unknown: one wild span never rejects the whole file.
func (r *Reader) Micros() (int64, error) {
	s, err := r.numberText()
	if err != nil || s == "" {
		return 0, err
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, ErrNotInteger
	}
	if math.IsInf(f, 0) || math.Abs(f) >= 1<<63 {
		return -1, nil
	}
	return int64(f), nil
}

// Bool reads true/false, or the strings "true"/"false"; null is false.
func (r *Reader) Bool() (bool, error) {
	s, err := r.String()
	if err != nil {
		return false, err
	}
	return s == "true", nil
}

func (r *Reader) wrongType(k jsontext.Kind) error {
	return errors.New("unexpected " + k.String())
}

// Offset is the input position reached, for errors.
func (r *Reader) Offset() int64 { return r.Dec.InputOffset() }

// Positioned wraps err with the byte offset it happened at; an unexpected
// end of input says so plainly.
func (r *Reader) Positioned(err error) *source.ParseError {
	var pe *source.ParseError
	if errors.As(err, &pe) {
		return pe
	}
	off := r.Dec.InputOffset()
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		off = se.ByteOffset
		err = se.Err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("truncated JSON (unexpected end of input)")
	}
	return &source.ParseError{Offset: off, Err: err}
}
