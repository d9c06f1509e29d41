package otlpjson

import (
	"errors"
	"io"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// DecodeLogs reads an OTLP/JSON ExportLogsServiceRequest (or several, one
// per line) and returns every log record. Only the fields a details pane
// shows are kept; IDs use the same lenient rules as spans.
func DecodeLogs(r io.Reader, ws *source.Warnings) ([]trace.LogRecord, error) {
	d := &decoder{ws: ws, cr: &countingReader{r: r}, in: source.NewInterner()}
	d.dec = jsontext.NewDecoder(d.cr, decoderOptions...)
	var out []trace.LogRecord
	for d.dec.PeekKind() != 0 {
		if !d.expectObject() {
			return out, d.positioned(errors.New("an OTLP logs request must be a JSON object"))
		}
		for d.more() {
			var err error
			switch string(d.name()) {
			case "resourceLogs", "resource_logs":
				out, err = d.readResourceLogsList(out)
			default:
				err = d.dec.SkipValue()
			}
			if err != nil {
				return out, d.positioned(err)
			}
		}
		if err := d.end(); err != nil {
			return out, d.positioned(err)
		}
	}
	if _, err := d.dec.ReadToken(); err != io.EOF {
		return out, d.positioned(err)
	}
	return out, nil
}

// each calls fn for every element of an array, skipping a null.
func (d *decoder) each(fn func() error) error {
	if !d.expectArray() {
		return d.skipped()
	}
	for d.more() {
		if err := fn(); err != nil {
			return err
		}
	}
	return d.end()
}

// fields calls fn with each key of an object, skipping a null.
func (d *decoder) fields(fn func(name string) error) error {
	if !d.expectObject() {
		return d.skipped()
	}
	for d.more() {
		if err := fn(string(d.name())); err != nil {
			return err
		}
	}
	return d.end()
}

func (d *decoder) readResourceLogsList(out []trace.LogRecord) ([]trace.LogRecord, error) {
	err := d.each(func() error {
		res := &trace.Resource{}
		first := len(out)
		err := d.fields(func(name string) error {
			switch name {
			case "resource":
				return d.readResource(res)
			case "scopeLogs", "scope_logs":
				return d.each(func() error {
					return d.fields(func(name string) error {
						if name != "logRecords" && name != "log_records" {
							return d.dec.SkipValue()
						}
						return d.each(func() error {
							l, err := d.readLogRecord()
							out = append(out, l)
							return err
						})
					})
				})
			}
			return d.dec.SkipValue()
		})
		// The resource may follow its records.
		for i := first; i < len(out); i++ {
			out[i].Service = res.Service
		}
		return err
	})
	return out, err
}

func (d *decoder) readLogRecord() (trace.LogRecord, error) {
	var l trace.LogRecord
	var ids trace.Span
	var observed, severity int64
	err := d.fields(func(name string) error {
		var err error
		switch name {
		case "traceId", "trace_id":
			err = d.readID("trace", &ids)
		case "spanId", "span_id":
			err = d.readID("span", &ids)
		case "timeUnixNano", "time_unix_nano":
			l.Time, err = d.readInt()
		case "observedTimeUnixNano", "observed_time_unix_nano":
			observed, err = d.readInt()
		case "severityText", "severity_text":
			l.Severity, err = d.readString(&d.in.Names)
		case "severityNumber", "severity_number":
			severity, err = d.readEnum(severityNumberNames)
		case "body":
			var v trace.Value
			v, err = d.readAnyValue(d.in.Value(""))
			err = in(err, "body")
			if d.unknownKind != "" {
				d.warnUnknownKind("body")
			}
			l.Body = v.AsString()
		case "attributes":
			l.Attrs, err = d.readAttrs()
		default:
			err = d.dec.SkipValue()
		}
		return err
	})
	l.TraceID, l.SpanID = ids.TraceID, ids.SpanID
	if l.Time == 0 {
		l.Time = observed
	}
	if l.Severity == "" {
		l.Severity = trace.SeverityName(severity)
	}
	return l, err
}

// severityNumberNames are the enum names generic proto3 marshallers write.
var severityNumberNames = func() []string {
	names := []string{"SEVERITY_NUMBER_UNSPECIFIED"}
	for _, level := range []string{"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"} {
		names = append(names, "SEVERITY_NUMBER_"+level)
		for i := 2; i <= 4; i++ {
			names = append(names, "SEVERITY_NUMBER_"+level+string(rune('0'+i)))
		}
	}
	return names
}()
