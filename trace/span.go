package trace

import "strconv"

// SpanKind is the OTLP span kind.
type SpanKind uint8

const (
	KindUnspecified SpanKind = iota
	KindInternal
	KindServer
	KindClient
	KindProducer
	KindConsumer
)

var kindNames = [...]string{"unspecified", "internal", "server", "client", "producer", "consumer"}

func (k SpanKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// StatusCode is the OTLP status code.
type StatusCode uint8

const (
	StatusUnset StatusCode = iota
	StatusOK
	StatusError
)

var statusNames = [...]string{"unset", "ok", "error"}

func (c StatusCode) String() string {
	if int(c) < len(statusNames) {
		return statusNames[c]
	}
	return "status(" + strconv.Itoa(int(c)) + ")"
}

// Resource is shared by every span a process sent in one batch.
type Resource struct {
	Service      string // service.name, "" when absent
	Attrs        []Attr
	DroppedAttrs uint32
	SchemaURL    string
}

// Scope is the instrumentation scope (formerly "instrumentation library").
type Scope struct {
	Name, Version string
	Attrs         []Attr
	DroppedAttrs  uint32
}

// Event is a timestamped annotation on a span (Jaeger logs, Zipkin annotations).
type Event struct {
	Time         int64 // unix nanoseconds
	Name         string
	Attrs        []Attr
	DroppedAttrs uint32
}

// Link points at another span, possibly in another trace.
type Link struct {
	TraceID      TraceID
	SpanID       SpanID
	TraceState   string
	Attrs        []Attr
	DroppedAttrs uint32
	Flags        uint32
}

// RawIDs keeps IDs that were neither hex nor base64 exactly as the file gave
// them; the span's binary IDs are then hashes of this text.
type RawIDs struct {
	TraceID, SpanID, ParentID string
}

// RawID is the original text of one of the span's IDs ('t' trace, 's'
// span, 'p' parent) when the producer sent one that is not hex, else "":
// what an encoder writes back so the ID survives a round trip.
func (s *Span) RawID(which byte) string {
	if s.Raw == nil {
		return ""
	}
	switch which {
	case 't':
		return s.Raw.TraceID
	case 's':
		return s.Raw.SpanID
	}
	return s.Raw.ParentID
}

// Span is one operation as recorded. Times are unix nanoseconds; End == 0
// means the producer never recorded an end. Nothing here is adjusted.
type Span struct {
	TraceID  TraceID
	SpanID   SpanID
	ParentID SpanID // zero for a root
	Start    int64
	End      int64
	Name     string

	Resource *Resource
	Scope    *Scope
	Attrs    []Attr
	Events   []Event
	Links    []Link

	StatusMessage string
	TraceState    string
	Raw           *RawIDs // nil unless an ID was opaque text

	Flags         uint32
	DroppedAttrs  uint32
	DroppedEvents uint32
	DroppedLinks  uint32
	Kind          SpanKind
	Status        StatusCode

	// Placeholder marks a span tracetui made up to hold orphans whose
	// parent never arrived; it was not in the input.
	Placeholder bool
}

// Service is the span's service.name, or "unknown" when the producer sent none.
func (s *Span) Service() string {
	if s.Resource == nil || s.Resource.Service == "" {
		return "unknown"
	}
	return s.Resource.Service
}

// HasEnd reports whether an end time was recorded.
func (s *Span) HasEnd() bool { return s.End != 0 }

// Duration is End-Start in nanoseconds; zero for an untimed span (no
// start, no end, or the end before the start: the tree builder marks them).
func (s *Span) Duration() int64 {
	if s.Start == 0 || s.End <= s.Start {
		return 0
	}
	return s.End - s.Start
}

// IsError reports whether the span's status is ERROR.
func (s *Span) IsError() bool { return s.Status == StatusError }

// DisplaySpanID is the ID as the producer wrote it when it was opaque text.
func (s *Span) DisplaySpanID() string {
	if s.Raw != nil && s.Raw.SpanID != "" {
		return s.Raw.SpanID
	}
	return s.SpanID.String()
}

// DisplayParentID is DisplaySpanID for the parent.
func (s *Span) DisplayParentID() string {
	if s.Raw != nil && s.Raw.ParentID != "" {
		return s.Raw.ParentID
	}
	return s.ParentID.String()
}
