package trace

import (
	"encoding/hex"
	"hash/fnv"
)

// TraceID is a 16-byte W3C trace ID. A 64-bit ID is stored left-padded.
type TraceID [16]byte

// SpanID is an 8-byte span ID.
type SpanID [8]byte

// Is64 reports whether the ID is a 64-bit one: a non-zero low half under a
// zero high half.
func (id TraceID) Is64() bool {
	return id != TraceID{} && [8]byte(id[:8]) == [8]byte{}
}

// IsZero reports whether the ID is all zero, which OTLP treats as invalid.
func (id TraceID) IsZero() bool { return id == TraceID{} }

// IsZero reports whether the ID is all zero (a root span's parent).
func (id SpanID) IsZero() bool { return id == SpanID{} }

// String is the lowercase hex form used everywhere tracetui prints an ID.
func (id TraceID) String() string { return hex.EncodeToString(id[:]) }

// String is the lowercase hex form used everywhere tracetui prints an ID.
func (id SpanID) String() string { return hex.EncodeToString(id[:]) }

// OpaqueTraceID maps an ID that is not hex or base64 (Jaeger UI fixtures use
// "trace-123") to stable bytes, so spans that name the same text still group
// together. The original text is kept in Span.Raw for display.
func OpaqueTraceID(s string) TraceID {
	h := fnv.New128a()
	h.Write([]byte(s))
	var id TraceID
	copy(id[:], h.Sum(nil))
	return id
}

// OpaqueSpanID is OpaqueTraceID for span IDs: a child naming its parent with
// the same opaque text links to it.
func OpaqueSpanID(s string) SpanID {
	h := fnv.New64a()
	h.Write([]byte(s))
	var id SpanID
	copy(id[:], h.Sum(nil))
	return id
}
