package trace

// LogRecord is an OTLP log record that names a span: apps that log inside a
// request export these beside their spans, and they explain what the span
// was doing when it went wrong.
type LogRecord struct {
	TraceID  TraceID
	SpanID   SpanID
	Time     int64  // unix nanoseconds (the observed time when the producer set none)
	Severity string // severityText, else the name of severityNumber's range
	Body     string
	Service  string
	Attrs    []Attr
}

var severityNames = [...]string{"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"}

// SeverityName names an OTLP severityNumber (1–24) by its range, the way
// the log data model does; "" for 0 (unspecified) or out of range.
func SeverityName(n int64) string {
	if n < 1 || n > 24 {
		return ""
	}
	return severityNames[(n-1)/4]
}

// LogsFor returns the records of span id, in arrival order.
func (t *Trace) LogsFor(id SpanID) []LogRecord {
	var out []LogRecord
	for _, l := range t.Logs {
		if l.SpanID == id {
			out = append(out, l)
		}
	}
	return out
}
