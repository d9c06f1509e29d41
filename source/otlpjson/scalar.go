package otlpjson

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/source"
)

var (
	errBadNumber  = errors.New("bad number")
	errNumberSize = errors.New("number out of range (a time before 1970 or past 2262, or a wrapped value)")
)

// rawString returns the contents of a JSON string value, unquoting only
// when it holds escapes (rare in trace data) so the common case does not
// allocate. The result aliases the decoder's buffer or scratch.
func (d *decoder) rawString(v jsontext.Value) []byte {
	if len(v) < 2 || v[0] != '"' {
		return nil
	}
	inner := v[1 : len(v)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		if utf8.Valid(inner) {
			return inner
		}
		d.scratch = validUTF8(d.scratch[:0], inner)
		return d.scratch
	}
	out, err := jsontext.AppendUnquote(d.scratch[:0], v)
	if err != nil || !utf8.Valid(out) {
		src := inner
		if err == nil {
			src = append([]byte(nil), out...)
		}
		out = validUTF8(d.scratch[:0], src)
	}
	d.scratch = out
	return out
}

// validUTF8 appends b with each byte that is not UTF-8 replaced by U+FFFD,
// as the protobuf decoder reads them and as --save writes them: a string
// must read the same before and after a round trip, IDs hashed from it too.
func validUTF8(dst, b []byte) []byte {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		dst = utf8.AppendRune(dst, r) // RuneError for each bad byte
		b = b[n:]
	}
	return dst
}

// readInt reads an int64 written as a number or a decimal string, as proto3
// JSON allows; floats written by sloppy producers are truncated.
func (d *decoder) readInt() (int64, error) {
	v, err := d.dec.ReadValue()
	if err != nil {
		return 0, err
	}
	var b []byte
	switch v.Kind() {
	case '"':
		if inner := v[1 : len(v)-1]; bytes.IndexByte(inner, '\\') < 0 {
			// No UTF-8 check: bytes that are not UTF-8 are not digits either.
			return parseInt(inner)
		}
		b = d.rawString(v)
	case '0':
		b = v
	case 'n':
		return 0, nil
	default:
		return 0, errBadNumber
	}
	return parseInt(b)
}

func parseInt(b []byte) (int64, error) {
	if len(b) == 0 {
		return 0, errBadNumber
	}
	neg := b[0] == '-'
	digits := b
	if neg {
		digits = b[1:]
	}
	var n uint64
	for i, c := range digits {
		if c < '0' || c > '9' {
			if i > 0 && (c == '.' || c == 'e' || c == 'E') {
				f, err := strconv.ParseFloat(string(b), 64)
				if err != nil {
					return 0, errBadNumber
				}
				if math.Abs(f) >= 1<<63 {
					return 0, errNumberSize
				}
				return int64(f), nil
			}
			return 0, errBadNumber
		}
		n = n*10 + uint64(c-'0')
	}
	if len(digits) == 0 {
		return 0, errBadNumber
	}
	if len(digits) > 20 {
		return 0, errNumberSize
	}
	if len(digits) == 19 {
		// 19 digits cannot wrap a uint64: compare with the int64 range.
		if n > math.MaxInt64 && !(neg && n == 1<<63) {
			return 0, errNumberSize
		}
	} else if len(digits) == 20 {
		// n may have wrapped: only now is the slow exact check worth it.
		if _, err := strconv.ParseInt(string(b), 10, 64); err != nil {
			return 0, errNumberSize
		}
	}
	if neg {
		return -int64(n), nil
	}
	return int64(n), nil
}

// readTime reads a unix-nanosecond time; a negative one (before 1970) is
// out of range like one past 2262, never shown in another century.
func (d *decoder) readTime() (int64, error) {
	n, err := d.readInt()
	if err == nil && n < 0 {
		return 0, errNumberSize
	}
	return n, err
}

// readEnum reads an enum given as a number, a numeric string or a name;
// names map through the table (index = value).
func (d *decoder) readEnum(names []string) (int64, error) {
	v, err := d.dec.ReadValue()
	if err != nil {
		return 0, err
	}
	switch v.Kind() {
	case '0':
		return parseInt(v)
	case '"':
		s := d.rawString(v)
		if n, err := parseInt(s); err == nil {
			return n, nil
		}
		for i, name := range names {
			if string(s) == name {
				return int64(i), nil
			}
		}
		return 0, nil
	}
	return 0, nil
}

// readString reads a string value and interns it in table t.
func (d *decoder) readString(t *source.InternTable) (string, error) {
	v, err := d.dec.ReadValue()
	if err != nil {
		return "", err
	}
	if v.Kind() != '"' {
		return "", nil
	}
	return d.intern(t, v), nil
}

// intern is JSON string v as text interned in t. A string without escapes
// that t holds already is found by its bytes, unchecked: t holds only
// checked text.
func (d *decoder) intern(t *source.InternTable, v jsontext.Value) string {
	if inner := v[1 : len(v)-1]; bytes.IndexByte(inner, '\\') < 0 {
		return d.internPlain(t, inner)
	}
	return t.Get(d.rawString(v))
}

var spanKindNames = []string{"SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"}
var statusCodeNames = []string{"STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
