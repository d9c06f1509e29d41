package newrelic

import (
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/jsonread"
	"github.com/tracetui/tracetui/trace"
)

// ErrNotSpanEvents reports a body that is not a span_event_data payload.
var ErrNotSpanEvents = errors.New("not a New Relic span_event_data payload: expected [run_id, {reservoir_size, events_seen}, [span events]]")

// Payload is what a span_event_data call says besides its spans.
type Payload struct {
	RunID string
	Agent Agent // from RunID; zero when tracetui did not make it
	// Seen is events_seen, the span events the agent made since its last
	// harvest; Sent, those in the payload. Seen > Sent means the agent's
	// reservoir (its span event limit) left some out.
	Seen, Sent int64
}

type decoder struct {
	r   *jsonread.Reader
	c   *trace.Collector
	ws  *source.Warnings
	res *trace.Resource
	p   Payload
	// The payload's spans, held until its end for fitStarts; slack says
	// which were cut to the ms.
	spans []trace.Span
	slack []bool
}

// DecodeSpanEvents reads one span_event_data body, adding a span to c for
// each span event. Each span's resource is the agent's, read from the run
// ID (see RunID); a run ID tracetui did not make leaves the service
// unknown, with a warning. An error is a *source.ParseError with the byte
// offset; spans before it are in c.
func DecodeSpanEvents(r io.Reader, c *trace.Collector, ws *source.Warnings) (Payload, error) {
	d := &decoder{r: jsonread.New(r), c: c, ws: ws}
	err := d.payload()
	fitStarts(d.spans, d.slack)
	for i := range d.spans {
		c.Add(&d.spans[i])
	}
	if err != nil {
		return d.p, d.r.Positioned(err)
	}
	if _, err := d.r.Dec.ReadToken(); err != io.EOF {
		return d.p, d.r.Positioned(errors.New("more after the payload"))
	}
	return d.p, nil
}

func (d *decoder) payload() error {
	if d.r.Kind() != '[' {
		return ErrNotSpanEvents
	}
	d.r.Dec.ReadToken()
	if d.r.Kind() != '"' {
		return ErrNotSpanEvents
	}
	var err error
	if d.p.RunID, err = d.r.String(); err != nil {
		return err
	}
	var ok bool
	if d.p.Agent, ok = ParseRunID(d.p.RunID); !ok {
		d.ws.Addf(0, d.r.Offset(), "span events from an agent run tracetui did not connect (run ID %q): their service is unknown", cut(d.p.RunID))
	}
	d.res = d.p.Agent.Resource()
	if d.r.Kind() != '{' {
		return ErrNotSpanEvents
	}
	err = d.r.Object(func(name string) error {
		var err error
		switch name {
		case "events_seen":
			d.p.Seen, err = d.r.Int()
		default:
			err = d.r.Skip()
		}
		return err
	})
	if err != nil {
		return err
	}
	if d.r.Kind() != '[' {
		return ErrNotSpanEvents
	}
	if err := d.r.Array(d.event); err != nil {
		return err
	}
	// Members a later protocol version may add after the events.
	for d.r.Kind() != ']' && d.r.Kind() != 0 {
		if err := d.r.Skip(); err != nil {
			return err
		}
	}
	_, err = d.r.Dec.ReadToken()
	return err
}

// event reads [intrinsics, user attributes, agent attributes].
func (d *decoder) event() error {
	if d.r.Kind() != '[' {
		d.ws.Addf(0, d.r.Offset(), "span events that are not lists of [intrinsics, user attributes, agent attributes] were skipped")
		return d.r.Skip()
	}
	s := trace.Span{Resource: d.res, Kind: trace.KindInternal}
	var ids [3]string // trace, span, parent
	var ms, dur string
	part := 0
	err := d.r.Array(func() error {
		defer func() { part++ }()
		switch part {
		case 0:
			return d.r.Object(func(name string) error { return d.intrinsic(&s, name, &ids, &ms, &dur) })
		case 1, 2:
			return d.r.Object(func(name string) error { return d.attr(&s, name) })
		}
		return d.r.Skip()
	})
	if err != nil {
		return err
	}
	d.ids(&s, ids)
	cut := d.times(&s, ms, dur, ids[1])
	d.status(&s)
	d.spans = append(d.spans, s)
	d.slack = append(d.slack, cut)
	d.p.Sent++
	return nil
}

// intrinsic reads one member of a span event's intrinsics: the span's
// structure into s, the rest as attributes under their New Relic names.
func (d *decoder) intrinsic(s *trace.Span, name string, ids *[3]string, ms, dur *string) error {
	var err error
	switch name {
	case "traceId":
		ids[0], err = d.r.String()
	case "guid":
		ids[1], err = d.r.String()
	case "parentId":
		ids[2], err = d.r.String()
	case "name":
		s.Name, err = d.r.String()
	case "timestamp":
		*ms, err = d.number()
	case "duration":
		*dur, err = d.number()
	case "type":
		err = d.r.Skip() // always "Span"
	case "span.kind":
		var k string
		k, err = d.r.String()
		if kind, ok := kinds[strings.ToLower(k)]; ok {
			s.Kind = kind
		}
		s.Attrs = append(s.Attrs, trace.Attr{Key: name, Value: trace.StringValue(k)})
	default:
		return d.attr(s, name)
	}
	return err
}

var kinds = map[string]trace.SpanKind{"internal": trace.KindInternal, "server": trace.KindServer, "client": trace.KindClient,
	"producer": trace.KindProducer, "consumer": trace.KindConsumer}

// attr reads a user or agent attribute: a string, number, bool or null;
// agents send nothing else, and anything else is skipped with a warning.
func (d *decoder) attr(s *trace.Span, key string) error {
	var v trace.Value
	switch d.r.Kind() {
	case '"':
		str, err := d.r.String()
		if err != nil {
			return err
		}
		v = trace.StringValue(str)
	case '0':
		n, err := d.number()
		if err != nil {
			return err
		}
		v = numberValue(n)
	case 't', 'f':
		b, err := d.r.Bool()
		if err != nil {
			return err
		}
		v = trace.BoolValue(b)
	case 'n':
		return d.r.Skip()
	default:
		d.ws.Addf(0, d.r.Offset(), "span attributes that are lists or objects were skipped (New Relic agents send strings, numbers and booleans)")
		return d.r.Skip()
	}
	s.Attrs = append(s.Attrs, trace.Attr{Key: key, Value: v})
	return nil
}

// number reads a JSON number's text ("" for null); a number in a string
// is read as agents never send one.
func (d *decoder) number() (string, error) {
	tok, err := d.r.Dec.ReadToken()
	if err != nil {
		return "", err
	}
	switch tok.Kind() {
	case '0':
		return tok.String(), nil
	case 'n':
		return "", nil
	case '"':
		return strings.TrimSpace(tok.String()), nil
	}
	return "", errors.New("expected a number, got " + tok.Kind().String())
}

func numberValue(n string) trace.Value {
	if i, err := strconv.ParseInt(n, 10, 64); err == nil {
		return trace.IntValue(i)
	}
	f, _ := strconv.ParseFloat(n, 64)
	return trace.DoubleValue(f)
}

func (d *decoder) ids(s *trace.Span, ids [3]string) {
	var forms [3]source.IDForm
	s.TraceID, forms[0] = source.ParseTraceID(ids[0])
	s.SpanID, forms[1] = source.ParseSpanID(ids[1])
	s.ParentID, forms[2] = source.ParseSpanID(ids[2])
	if forms[0] == source.IDOpaque || forms[1] == source.IDOpaque || forms[2] == source.IDOpaque {
		s.Raw = &trace.RawIDs{}
		for i, dst := range []*string{&s.Raw.TraceID, &s.Raw.SpanID, &s.Raw.ParentID} {
			if forms[i] == source.IDOpaque {
				*dst = ids[i]
			}
		}
		d.ws.Addf(0, d.r.Offset(), "IDs that are not hex are kept as given")
	}
	if ids[0] == "" || ids[1] == "" {
		d.ws.Addf(0, d.r.Offset(), "span events without a traceId or guid (kept, but they cannot be linked)")
	}
}

// maxMillis is the last millisecond count whose nanoseconds fit an int64.
const maxMillis = math.MaxInt64 / 1_000_000

// times sets the span's start from timestamp (ms) and its end from
// duration (s); a value out of range or not a number leaves the time
// unknown, with a warning. It reports whether the start was cut to the
// ms (a whole number: see fitStarts).
func (d *decoder) times(s *trace.Span, ms, dur, guid string) (cutToMs bool) {
	if ms == "" {
		return false
	}
	start, ok := millis(ms)
	if !ok {
		d.ws.Addf(0, d.r.Offset(), "span %s: timestamp %s is not a time in ms since 1970 before 2262; its time is left unknown", cut(guid), cut(ms))
		return false
	}
	s.Start = start
	if dur == "" {
		return false
	}
	ns, ok := nanos(dur)
	if !ok || ns > math.MaxInt64-start-msSlack {
		d.ws.Addf(0, d.r.Offset(), "span %s: duration %s is not a number of seconds; its end is left unknown", cut(guid), cut(dur))
		return false
	}
	if ns > 0 {
		s.End = start + ns
	}
	return start%1_000_000 == 0 && !strings.ContainsAny(ms, ".eE")
}

// millis is a timestamp in ms (an integer, or a float from another agent)
// as ns.
func millis(text string) (int64, bool) {
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n * 1e6, n >= 0 && n <= maxMillis-1
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || !(f >= 0 && f <= maxMillis) {
		return 0, false
	}
	return int64(math.Round(f * 1e6)), true
}

// nanos is a duration in seconds as ns. The Go agent writes
// time.Duration.Seconds() with the fewest digits that read back as the
// same float64, so rounding the product gives the agent's nanoseconds
// exactly while the float's error stays under half a ns: for any duration
// under about 2^51 ns (26 days). Beyond, it is off by a few ns.
func nanos(text string) (int64, bool) {
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || !(f >= 0 && f*1e9 < math.MaxInt64) {
		return 0, false
	}
	return int64(math.Round(f * 1e9)), true
}

// status marks a span that recorded an error: New Relic agents put the
// error's class and message in the agent attributes of the segment that
// noticed it (the root's, for an error noticed on the transaction). An
// expected error (error.expected) is not one.
func (d *decoder) status(s *trace.Span) {
	class, hasClass := trace.Lookup(s.Attrs, "error.class")
	msg, hasMsg := trace.Lookup(s.Attrs, "error.message")
	if exp, ok := trace.Lookup(s.Attrs, "error.expected"); ok && exp.Kind() == trace.ValueBool && exp.Bool() {
		return
	}
	if !hasClass && !hasMsg {
		return
	}
	s.Status = trace.StatusError
	if hasMsg {
		s.StatusMessage = msg.AsString()
	} else {
		s.StatusMessage = class.AsString()
	}
}
