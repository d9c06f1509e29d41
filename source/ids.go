package source

import (
	"encoding/base64"
	"encoding/hex"
	"math"

	"github.com/tracetui/tracetui/trace"
)

// IDForm says how an ID string was read.
type IDForm uint8

const (
	IDEmpty  IDForm = iota // "": zero ID
	IDHex                  // hex of any case, left-padded when short
	IDBase64               // standard or URL-safe base64 (Tempo, proto3 JSON marshallers)
	IDOpaque               // neither: hashed, the caller keeps the text and warns
)

// ParseTraceID reads a trace ID the way real producers write them: hex of
// any case (a 64-bit or zero-stripped ID is left-padded), else base64 of 16
// bytes, else opaque text hashed to a stable ID.
func ParseTraceID(s string) (trace.TraceID, IDForm) {
	var id trace.TraceID
	form := parseID(s, id[:])
	if form == IDOpaque {
		id = trace.OpaqueTraceID(s)
	}
	return id, form
}

// ParseSpanID is ParseTraceID for 8-byte span IDs.
func ParseSpanID(s string) (trace.SpanID, IDForm) {
	var id trace.SpanID
	form := parseID(s, id[:])
	if form == IDOpaque {
		id = trace.OpaqueSpanID(s)
	}
	return id, form
}

// ParseTraceIDBytes is ParseTraceID for input already as bytes, so decoders
// need not allocate a string for the common hex case.
func ParseTraceIDBytes(b []byte) (trace.TraceID, IDForm) {
	var id trace.TraceID
	form := parseIDBytes(b, id[:])
	if form == IDOpaque {
		id = trace.OpaqueTraceID(string(b))
	}
	return id, form
}

// ParseSpanIDBytes is ParseSpanID for bytes.
func ParseSpanIDBytes(b []byte) (trace.SpanID, IDForm) {
	var id trace.SpanID
	form := parseIDBytes(b, id[:])
	if form == IDOpaque {
		id = trace.OpaqueSpanID(string(b))
	}
	return id, form
}

func parseID(s string, dst []byte) IDForm {
	if len(s) <= 64 {
		var buf [64]byte
		return parseIDBytes(append(buf[:0], s...), dst)
	}
	return IDOpaque
}

func parseIDBytes(b []byte, dst []byte) IDForm {
	if len(b) == 0 {
		return IDEmpty
	}
	if len(b) <= 2*len(dst) && IsHex(b) {
		// Left-pad: Jaeger strips leading zeros, 64-bit IDs fill the low half.
		pad := 2*len(dst) - len(b)
		var tmp [64]byte
		for i := 0; i < pad; i++ {
			tmp[i] = '0'
		}
		copy(tmp[pad:], b)
		if _, err := hex.Decode(dst, tmp[:2*len(dst)]); err == nil {
			return IDHex
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if enc.DecodedLen(len(b)) < len(dst) || len(b) > enc.EncodedLen(len(dst)) {
			continue
		}
		var tmp [64]byte
		n, err := enc.Decode(tmp[:], b)
		if err == nil && n == len(dst) {
			copy(dst, tmp[:n])
			return IDBase64
		}
	}
	return IDOpaque
}

// IsHex reports whether every byte of b is a hex digit (either case); the
// empty input is all hex digits.
func IsHex[T ~string | ~[]byte](b T) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// maxMicros is the last microsecond count whose nanoseconds fit an int64
// (year 2262).
const maxMicros = math.MaxInt64 / 1000

// MicrosToNanos converts a Jaeger or Zipkin microsecond time or duration to
// nanoseconds; ok is false when it is negative or past year 2262, which a
// decoder must report (and leave the time unknown) rather than wrap.
func MicrosToNanos(us int64) (ns int64, ok bool) {
	if us < 0 || us > maxMicros {
		return 0, false
	}
	return us * 1000, true
}

// SpanTimes is a span's start and end in ns from microseconds: a start out
// of range leaves both unknown (0), a duration out of range leaves the end
// unknown; ok is false when anything was out of range.
func SpanTimes(startUS, durUS int64) (start, end int64, ok bool) {
	start, ok = MicrosToNanos(startUS)
	if !ok || start == 0 {
		return 0, 0, ok
	}
	dur, dok := MicrosToNanos(durUS)
	if !dok || dur > math.MaxInt64-start {
		return start, 0, false
	}
	return start, start + dur, true
}
