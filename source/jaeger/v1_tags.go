package jaeger

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/trace"
)

// readTags reads typed key/values. The type may be missing and the value
// may be a string whatever the type (the anonymizer writes "true" for a
// bool, int64 beyond 2^53 comes as a string), so values are kept raw until
// the whole tag is read.
func (d *decoder) readTags() ([]trace.Attr, error) {
	var out []trace.Attr
	err := d.r.Array(func() error {
		var key, typ string
		var raw jsontext.Value
		err := d.r.Object(func(name string) error {
			var err error
			switch name {
			case "key":
				key, err = d.r.String()
			case "type":
				typ, err = d.r.String()
			case "value":
				var v jsontext.Value
				v, err = d.r.Dec.ReadValue()
				raw = append(raw[:0], v...)
			default:
				err = d.r.Skip()
			}
			return err
		})
		out = append(out, trace.Attr{Key: key, Value: typedValue(strings.ToLower(typ), raw)})
		return err
	})
	return out, err
}

func typedValue(typ string, raw jsontext.Value) trace.Value {
	if len(raw) == 0 || raw.Kind() == 'n' {
		return trace.StringValue("")
	}
	text := string(raw)
	if raw.Kind() == '"' {
		if s, err := strconv.Unquote(text); err == nil {
			text = s
		} else {
			text = strings.Trim(text, `"`)
		}
	}
	switch typ {
	case "bool":
		if b, err := strconv.ParseBool(text); err == nil {
			return trace.BoolValue(b)
		}
	case "int64":
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return trace.IntValue(n)
		}
	case "float64":
		if f, err := strconv.ParseFloat(text, 64); err == nil {
			return trace.DoubleValue(f)
		}
	case "binary":
		if b, err := base64.StdEncoding.DecodeString(text); err == nil {
			return trace.BytesValue(b)
		}
	case "", "string":
		switch raw.Kind() {
		case 't', 'f':
			return trace.BoolValue(raw.Kind() == 't')
		case '0':
			if typ == "" {
				if n, err := strconv.ParseInt(text, 10, 64); err == nil {
					return trace.IntValue(n)
				}
				if f, err := strconv.ParseFloat(text, 64); err == nil {
					return trace.DoubleValue(f)
				}
			}
		}
	}
	return trace.StringValue(text)
}

var spanKinds = map[string]trace.SpanKind{"client": trace.KindClient, "server": trace.KindServer,
	"producer": trace.KindProducer, "consumer": trace.KindConsumer, "internal": trace.KindInternal}

// conventions maps the tags OTel→Jaeger translation writes back to the
// span's own fields and keeps the rest as attributes.
func (d *decoder) conventions(s *trace.Span, tags []trace.Attr) {
	var scopeName, scopeVersion string
	failed := false
	attrs := tags[:0:0]
	for _, a := range tags {
		v := a.Value.AsString()
		switch a.Key {
		case "span.kind":
			if k, ok := spanKinds[strings.ToLower(v)]; ok {
				s.Kind = k
				continue
			}
		case "error":
			// The OpenTracing tag the Jaeger UI marks failures by. As the
			// Collector's Jaeger translator: true is the error status and
			// wins over otel.status_code; it is not kept as an attribute
			// too (Zipkin's error tag would say "true" over the message).
			if a.Value.Kind() == trace.ValueBool && a.Value.Bool() || a.Value.Kind() == trace.ValueString && strings.EqualFold(v, "true") {
				failed = true
				continue
			}
		case "otel.status_code":
			switch strings.ToUpper(v) {
			case "ERROR":
				s.Status = trace.StatusError
			case "OK":
				s.Status = trace.StatusOK
			}
			continue
		case "otel.status_description":
			s.StatusMessage = v
			continue
		case "w3c.tracestate":
			s.TraceState = v
			continue
		case "otel.scope.name", "otel.library.name":
			scopeName = v
			continue
		case "otel.scope.version", "otel.library.version":
			scopeVersion = v
			continue
		}
		attrs = append(attrs, a)
	}
	if failed {
		s.Status = trace.StatusError
	}
	s.Attrs = attrs
	if scopeName != "" || scopeVersion != "" {
		key := [2]string{scopeName, scopeVersion}
		if d.scopes[key] == nil {
			d.scopes[key] = &trace.Scope{Name: scopeName, Version: scopeVersion}
		}
		s.Scope = d.scopes[key]
	}
}
