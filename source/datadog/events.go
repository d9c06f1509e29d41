package datadog

import (
	"encoding/json"
	"sort"

	"github.com/tracetui/tracetui/trace"
)

// metaEvent is one span event as tracers write them into meta "events"
// when the agent does not take native span_events (dd-trace-go:
// ddtrace/tracer/span_event.go; the agent's OTLP intake writes OTel
// events the same way): [{name, time_unix_nano, attributes}].
type metaEvent struct {
	Name       string         `json:"name"`
	Time       int64          `json:"time_unix_nano"`
	Attributes map[string]any `json:"attributes"`
}

// metaEvents reads meta "events"; ok is false when it is not that JSON,
// and the caller keeps it as an attribute.
func metaEvents(s string) ([]trace.Event, bool) {
	var in []metaEvent
	if json.Unmarshal([]byte(s), &in) != nil {
		return nil, false
	}
	out := make([]trace.Event, 0, len(in))
	for _, e := range in {
		ev := trace.Event{Name: e.Name, Time: e.Time}
		keys := make([]string, 0, len(e.Attributes))
		for k := range e.Attributes {
			keys = append(keys, k)
		}
		sort.Strings(keys) // a JSON object's order is lost in the map: show them sorted
		for _, k := range keys {
			if v, ok := jsonValue(e.Attributes[k]); ok {
				ev.Attrs = append(ev.Attrs, trace.Attr{Key: k, Value: v})
			}
		}
		out = append(out, ev)
	}
	return out, true
}

// jsonValue is an event attribute: a string, number, bool or an array of them.
func jsonValue(v any) (trace.Value, bool) {
	switch v := v.(type) {
	case string:
		return trace.StringValue(v), true
	case bool:
		return trace.BoolValue(v), true
	case float64:
		return number(v), true
	case []any:
		items := make([]trace.Attr, 0, len(v))
		for _, x := range v {
			if xv, ok := jsonValue(x); ok {
				items = append(items, trace.Attr{Value: xv})
			}
		}
		return trace.ArrayValue(items), true
	}
	return trace.Value{}, false
}
