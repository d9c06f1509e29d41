package otlpjson

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/trace"
)

// valueError is an attribute value of a JSON type its AnyValue field does
// not take — {"boolValue":"yes"}, {"stringValue":5}. protojson, the
// reference decoder for OTLP JSON, refuses those, and so does the
// Collector's pdata: reading one as false or "" would show a value nobody
// sent. Where says which attribute, outermost first.
type valueError struct {
	off   int64    // absolute offset of the offending JSON value
	where []string // innermost first: `attribute "k"`, `[2]`, `["k"]`, `body`
	msg   string
}

func (e *valueError) Error() string {
	var b strings.Builder
	for i := len(e.where) - 1; i >= 0; i-- {
		b.WriteString(e.where[i])
	}
	if b.Len() == 0 {
		return e.msg
	}
	return fmt.Sprintf("%s (byte %d): %s", b.String(), e.off, e.msg)
}

// in adds the place of an enclosing attribute, list entry or field to an
// error from a value inside it; other errors pass unchanged.
func in(err error, where string) error {
	var ve *valueError
	if errors.As(err, &ve) {
		ve.where = append(ve.where, where)
	}
	return err
}

// typeErr is the error for raw, just read, in field, which takes want.
func (d *decoder) typeErr(raw jsontext.Value, field, want string) error {
	off := d.base + d.dec.InputOffset() - int64(len(raw))
	return &valueError{off: off, msg: fmt.Sprintf("%s holds %s, not %s", field, describe(d, raw), want)}
}

// describe names raw's JSON type and shows it, cut short: `a string ("yes")`.
func describe(d *decoder, raw jsontext.Value) string {
	const most = 40
	switch raw.Kind() {
	case '"':
		s := string(d.rawString(raw))
		if len(s) > most {
			s = strings.ToValidUTF8(s[:most], "") + "…"
		}
		return fmt.Sprintf("a string (%q)", s)
	case '0':
		if len(raw) > most {
			return "a number (" + string(raw[:most]) + "…)"
		}
		return "a number (" + string(raw) + ")"
	case 't', 'f':
		return "a bool (" + string(raw) + ")"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "null"
}

// readIntValue reads an AnyValue's intValue: a number or a string holding
// one (protojson's int64). Producers send what an int64 cannot hold — JS
// exporters write 1.5e+300, others 1e19 or "99999999999999999999" — or
// fractions (3.7), which protojson refuses. Those keep what was sent, with
// a warning: the digits as text when they are a whole number out of range
// (a double would round them), else a double. Never wrapped or cut.
func (d *decoder) readIntValue(raw jsontext.Value) (trace.Value, error) {
	var b []byte
	switch raw.Kind() {
	case '"':
		b = d.rawString(raw)
		if !isNumberText(b) {
			return trace.Value{}, d.typeErr(raw, "intValue", "an integer")
		}
	case '0':
		b = raw
	default:
		return trace.Value{}, d.typeErr(raw, "intValue", "an integer")
	}
	if len(b) > 0 && len(b) < 19 && b[0] != '-' {
		// The common case: a plain decimal too short to overflow.
		if n, err := parseInt(b); err == nil && isDigits(b) {
			return trace.IntValue(n), nil
		}
	}
	if n, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		return trace.IntValue(n), nil
	} else if errors.Is(err, strconv.ErrRange) {
		d.warnf("intValue %s is outside the int64 range; kept as text", b)
		return trace.StringValue(string(b)), nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<63 {
		return trace.IntValue(int64(f)), nil // "3.0", "1e3": whole and exact
	}
	if err != nil {
		// Beyond a double too: keep the text rather than an infinity.
		d.warnf("intValue %s is outside the int64 and double ranges; kept as text", b)
		return trace.StringValue(string(b)), nil
	}
	d.warnf("intValue %s is not an int64; kept as a double", b)
	return trace.DoubleValue(f), nil
}

// readDoubleValue reads an AnyValue's doubleValue: a number, a string
// holding one, or one of proto3 JSON's "NaN", "Infinity", "-Infinity".
// One beyond a double's range (1e999) keeps its text, with a warning.
func (d *decoder) readDoubleValue(raw jsontext.Value) (trace.Value, error) {
	var b []byte
	switch raw.Kind() {
	case '0':
		b = raw
	case '"':
		b = d.rawString(raw)
		switch string(b) {
		case "NaN":
			return trace.DoubleValue(math.NaN()), nil
		case "Infinity":
			return trace.DoubleValue(math.Inf(1)), nil
		case "-Infinity":
			return trace.DoubleValue(math.Inf(-1)), nil
		}
		if !isNumberText(b) {
			return trace.Value{}, d.typeErr(raw, "doubleValue", `a number (or "NaN", "Infinity", "-Infinity")`)
		}
	default:
		return trace.Value{}, d.typeErr(raw, "doubleValue", `a number (or "NaN", "Infinity", "-Infinity")`)
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		d.warnf("doubleValue %s is outside the double range; kept as text", b)
		return trace.StringValue(string(b)), nil
	}
	return trace.DoubleValue(f), nil
}

func (d *decoder) readBytesValue(raw jsontext.Value) (trace.Value, error) {
	if raw.Kind() != '"' {
		return trace.Value{}, d.typeErr(raw, "bytesValue", "a base64 string")
	}
	s := d.rawString(raw)
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(string(s)); err == nil {
			return trace.BytesValue(b), nil
		}
	}
	d.warnf("bytesValue is not base64; kept as text")
	return trace.StringValue(string(s)), nil
}

// isNumberText reports whether b is a JSON number, as protojson wants the
// inside of a quoted int64 or double; leading zeros are let through ("007"
// has one reading), a '+', spaces, hex, "inf" or "1_000" are not.
func isNumberText(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() bool {
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > s
	}
	if !digits() {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(b)
}
