package main

import (
	"bytes"
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source/demo"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

// exportInputs are OTLP files that together hold every field the model
// has: the demo, a hand-made trace with every value type, events with
// attributes, a link, trace state, flags, OK and error statuses, an
// unspecified kind, peer and host endpoints and nanosecond times, and a
// real file with link attributes.
func exportInputs(t *testing.T) []string {
	demoFile := filepath.Join(t.TempDir(), "demo.jsonl")
	if err := os.WriteFile(demoFile, demo.JSONLines(), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{demoFile, filepath.Join("testdata", "export", "rich.json"),
		repoFile("otlp", "jaeger_integration_link_attributes_trace.json")}
}

// OTLP → X → tracetui gives the same spans, times and attributes, as far
// as X can carry them: expected() says how far, per format, and is the
// documentation of each mapping's limits.
func TestExportRoundTrip(t *testing.T) {
	for _, in := range exportInputs(t) {
		orig := loadSpans(t, in)
		for _, to := range []string{"otlp-json", "otlp-jsonl", "otlp-proto", "jaeger", "zipkin"} {
			t.Run(filepath.Base(in)+"/"+to, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				r := runCLI(t, nil, false, "export", in, "--to", to, "-o", out)
				if r.code != 0 {
					t.Fatalf("exit %d: %s", r.code, r.stderr)
				}
				back := loadSpans(t, out)
				if len(back) != len(orig) {
					t.Fatalf("%d spans back, want %d", len(back), len(orig))
				}
				for k := range orig {
					want, got := expected(to, orig[k]), normal(back[k])
					if d := spanDiff(want, got); d != "" {
						t.Errorf("span %s %q: %s", orig[k].SpanID, orig[k].Name, d)
					}
				}
			})
		}
	}
}

// loadSpans reads a file as tracetui does, spans sorted by trace and span ID.
func loadSpans(t *testing.T, path string) []trace.Span {
	t.Helper()
	res, err := load.All([]load.Input{{Name: path}}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []trace.Span
	for _, tr := range res.Traces {
		out = append(out, tr.Spans...)
	}
	slices.SortFunc(out, func(a, b trace.Span) int {
		return cmp.Or(bytes.Compare(a.TraceID[:], b.TraceID[:]), bytes.Compare(a.SpanID[:], b.SpanID[:]))
	})
	return out
}

// flat is a span as compared: values as text with their kind, attribute
// lists sorted (formats keep attributes, not always their order).
type flat struct {
	Name, Parent, Kind, Status, StatusMessage, TraceState string
	Start, End                                            int64
	Flags                                                 uint32
	Attrs, ResourceAttrs, Scope                           []string
	Service                                               string
	Events, Links                                         []string
}

func attrTexts(attrs []trace.Attr, typed bool) []string {
	out := make([]string, 0, len(attrs))
	for _, a := range attrs {
		v := a.Key + "=" + a.Value.AsString()
		if typed {
			v += " (" + a.Value.Kind().String() + ")"
		}
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

func normal(s trace.Span) flat {
	f := flat{Name: s.Name, Parent: s.ParentID.String(), Kind: s.Kind.String(), Status: s.Status.String(),
		StatusMessage: s.StatusMessage, TraceState: s.TraceState, Start: s.Start, End: s.End, Flags: s.Flags,
		Attrs: attrTexts(s.Attrs, true), Service: s.Service()}
	if s.Resource != nil {
		f.ResourceAttrs = attrTexts(s.Resource.Attrs, true)
	}
	if s.Scope != nil && (s.Scope.Name != "" || s.Scope.Version != "" || len(s.Scope.Attrs) > 0) {
		f.Scope = append([]string{s.Scope.Name, s.Scope.Version}, attrTexts(s.Scope.Attrs, true)...)
	}
	for _, e := range s.Events {
		f.Events = append(f.Events, strings.Join(append([]string{e.Name, itoa(e.Time)}, attrTexts(e.Attrs, true)...), " "))
	}
	for _, l := range s.Links {
		f.Links = append(f.Links, strings.Join(append([]string{l.TraceID.String(), l.SpanID.String(), l.TraceState}, attrTexts(l.Attrs, true)...), " "))
	}
	return f
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// expected is what s should read back as after a trip through format to.
func expected(to string, s trace.Span) flat {
	switch to {
	case "jaeger":
		return jaegerView(s)
	case "zipkin":
		return zipkinView(s)
	}
	return normal(s) // OTLP carries everything
}

func floorUS(ns int64) int64 { return ns / 1000 * 1000 }

// jaegerView: µs times; arrays and maps as their text; links keep their
// IDs and get the reference type; scope attributes, link attributes and
// dropped counts are gone; a failed span's error=true tag (the Jaeger UI
// marks failures by it) reads back as the status, not an attribute;
// resource attributes come back with service.name first.
func jaegerView(s trace.Span) flat {
	s.Start, s.End = floorUS(s.Start), floorUS(s.End)
	if s.Start > 0 && s.End < s.Start {
		s.End = s.Start
	}
	attrs := make([]trace.Attr, 0, len(s.Attrs))
	for _, a := range stringifyComposite(s.Attrs) {
		if a.Key == "error" && (a.Value.Kind() == trace.ValueBool && a.Value.Bool() || a.Value.AsString() == "true") {
			s.Status = trace.StatusError // the error tag is the status when read back
			continue
		}
		attrs = append(attrs, a)
	}
	s.Attrs = attrs
	if s.Resource != nil {
		r := *s.Resource
		r.Attrs = stringifyComposite(r.Attrs)
		s.Resource = &r
	}
	if s.Scope != nil {
		s.Scope = &trace.Scope{Name: s.Scope.Name, Version: s.Scope.Version}
	}
	events := make([]trace.Event, len(s.Events))
	for k, e := range s.Events {
		e.Time = floorUS(e.Time)
		e.Attrs = stringifyComposite(e.Attrs)
		events[k] = e
	}
	s.Events = events
	links := make([]trace.Link, len(s.Links))
	for k, l := range s.Links {
		ref := "follows_from"
		if v, ok := trace.Lookup(l.Attrs, "opentracing.ref_type"); ok {
			ref = v.AsString()
		}
		links[k] = trace.Link{TraceID: l.TraceID, SpanID: l.SpanID,
			Attrs: []trace.Attr{{Key: "opentracing.ref_type", Value: trace.StringValue(ref)}}}
	}
	s.Links = links
	return normal(s)
}

func stringifyComposite(attrs []trace.Attr) []trace.Attr {
	out := make([]trace.Attr, len(attrs))
	for k, a := range attrs {
		if kind := a.Value.Kind(); kind == trace.ValueArray || kind == trace.ValueMap {
			a.Value = trace.StringValue(a.Value.AsString())
		}
		out[k] = a
	}
	return out
}

// zipkinView: µs times (at least 1 µs long, zero-length spans too); every attribute a string; no
// links, scope, trace state, flags, event attributes or OK status; an
// unspecified kind reads as internal; the resource is the local endpoint
// (service.name, host.ip, host.port); a failed span's error tag (its
// message) reads back as its status, with no error attribute beside it.
func zipkinView(s trace.Span) flat {
	if s.Start > 0 && s.HasEnd() && s.End >= s.Start {
		s.End = floorUS(s.Start) + max(floorUS(s.End)-floorUS(s.Start), 1000)
	} else {
		s.End = 0
	}
	s.Start = floorUS(s.Start)
	attrs := make([]trace.Attr, 0, len(s.Attrs))
	for _, a := range s.Attrs {
		if a.Key == "error" {
			continue // Zipkin's error tag is read back as the status, not kept
		}
		attrs = append(attrs, trace.Attr{Key: a.Key, Value: trace.StringValue(a.Value.AsString())})
	}
	s.Attrs = attrs
	if s.Status == trace.StatusOK {
		s.Status = trace.StatusUnset
	}
	if s.Kind == trace.KindUnspecified {
		s.Kind = trace.KindInternal
	}
	if s.Resource != nil {
		r := trace.Resource{Service: s.Resource.Service}
		for _, a := range s.Resource.Attrs {
			switch a.Key {
			case "service.name", "host.ip", "host.port":
				r.Attrs = append(r.Attrs, trace.Attr{Key: a.Key, Value: trace.StringValue(a.Value.AsString())})
			}
		}
		s.Resource = &r
	}
	events := make([]trace.Event, len(s.Events))
	for k, e := range s.Events {
		events[k] = trace.Event{Time: floorUS(e.Time), Name: e.Name}
	}
	s.Events, s.Links, s.Scope, s.TraceState, s.Flags = events, nil, nil, "", 0
	return normal(s)
}

func spanDiff(want, got flat) string {
	var d []string
	add := func(what string, w, g any) {
		d = append(d, what+": want "+strings.TrimSpace(toText(w))+", got "+strings.TrimSpace(toText(g)))
	}
	if want.Name != got.Name || want.Parent != got.Parent || want.Kind != got.Kind {
		add("name/parent/kind", []string{want.Name, want.Parent, want.Kind}, []string{got.Name, got.Parent, got.Kind})
	}
	if want.Start != got.Start || want.End != got.End {
		add("times", []int64{want.Start, want.End}, []int64{got.Start, got.End})
	}
	if want.Status != got.Status || want.StatusMessage != got.StatusMessage {
		add("status", want.Status+" "+want.StatusMessage, got.Status+" "+got.StatusMessage)
	}
	if want.TraceState != got.TraceState || want.Flags != got.Flags {
		add("trace state/flags", want.TraceState+" "+itoa(int64(want.Flags)), got.TraceState+" "+itoa(int64(got.Flags)))
	}
	for _, c := range []struct {
		what      string
		want, got []string
	}{{"attributes", want.Attrs, got.Attrs}, {"resource", want.ResourceAttrs, got.ResourceAttrs},
		{"scope", want.Scope, got.Scope}, {"events", want.Events, got.Events}, {"links", want.Links, got.Links}} {
		if !slices.Equal(c.want, c.got) {
			add(c.what, c.want, c.got)
		}
	}
	if want.Service != got.Service {
		add("service", want.Service, got.Service)
	}
	return strings.Join(d, "; ")
}

func toText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []string:
		return "[" + strings.Join(v, ", ") + "]"
	case []int64:
		return itoa(v[0]) + ".." + itoa(v[1])
	}
	return ""
}
