package trace

import (
	"slices"
	"testing"
)

func errSpan(s Span, msg string) Span {
	s.Status, s.StatusMessage = StatusError, msg
	return s
}

func TestSelfTimeSubtractsTheUnionOfChildrenClipped(t *testing.T) {
	_, a := build(
		sp(1, 0, 0, 100, "root"),
		sp(2, 1, 10, 40, "a"),   // 10..40
		sp(3, 1, 30, 50, "b"),   // overlaps a: union 10..50
		sp(4, 1, 90, 130, "c"),  // clipped to 90..100
		sp(5, 1, 200, 300, "d"), // outside: contributes nothing
	)
	if a.Self[0] != 50*ms {
		t.Errorf("root self = %d ms, want 50", a.Self[0]/ms)
	}
}

func TestCriticalPathFollowsLastFinishingChild(t *testing.T) {
	// root 0..100: sequential a (0..30) then b (30..90, with parallel
	// b1 32..40 and b2 35..80 inside). b1 was still running when b2
	// started, so 32..35 ms is b1's, not b's: b waited for it.
	tr, a := build(
		sp(1, 0, 0, 100, "root"),
		sp(2, 1, 0, 30, "a"),
		sp(3, 1, 30, 90, "b"),
		sp(4, 3, 32, 40, "b1"),
		sp(5, 3, 35, 80, "b2"),
	)
	want := map[string]int64{"root": 10, "a": 30, "b": 2 + 10, "b1": 3, "b2": 45}
	for i := int32(0); i < 5; i++ {
		if got := a.Critical[i] / ms; got != want[tr.Span(i).Name] {
			t.Errorf("critical(%s) = %d ms, want %d", tr.Span(i).Name, got, want[tr.Span(i).Name])
		}
		if a.Critical[i] > a.Self[i] {
			t.Errorf("%s holds %d ms of the path but has only %d ms of self time", tr.Span(i).Name, a.Critical[i]/ms, a.Self[i]/ms)
		}
	}
	if got := names(tr, a.Path); !slices.Equal(got, []string{"root", "a", "b", "b1", "b2"}) {
		t.Errorf("path entries = %v", got)
	}
	total := int64(0)
	for _, seg := range a.CriticalPath {
		total += seg.End - seg.Start
	}
	if total != 100*ms || a.PathTime != 100*ms {
		t.Errorf("critical path covers %d ms (PathTime %d), want all 100", total/ms, a.PathTime/ms)
	}
	if tr.Span(a.Bottleneck).Name != "b2" {
		t.Errorf("bottleneck = %s, want b2 (most time on the path)", tr.Span(a.Bottleneck).Name)
	}
}

func TestAsyncChildIsClippedToItsParent(t *testing.T) {
	// A producer returns at 20 ms; its consumer runs until 500 ms.
	tr, a := build(sp(1, 0, 0, 100, "root"), sp(2, 1, 10, 20, "send"), sp(3, 2, 15, 500, "consume"))
	if a.Critical[2] != 5*ms {
		t.Errorf("consumer critical = %d ms, want 5 (15..20, clipped)", a.Critical[2]/ms)
	}
	if tr.Span(a.Bottleneck).Name != "root" {
		t.Errorf("bottleneck = %s", tr.Span(a.Bottleneck).Name)
	}
}

func TestCriticalPathAcrossSeveralRoots(t *testing.T) {
	// r2 finishes the trace; when it started (55 ms) the orphan (under a
	// placeholder) was still running, so the path continues in it, and
	// before the orphan started in r1, which was running then.
	_, a := build(sp(1, 0, 0, 50, "r1"), sp(2, 0, 55, 100, "r2"), sp(3, 7, 20, 70, "orphan"))
	want := []Segment{{Span: 1, Start: t0 + 55*ms, End: t0 + 100*ms}, {Span: 2, Start: t0 + 20*ms, End: t0 + 55*ms}, {Span: 0, Start: t0, End: t0 + 20*ms}}
	if !slices.Equal(a.CriticalPath, want) {
		t.Errorf("critical path = %+v, want r2 55..100 ms, orphan 20..55 ms, r1 0..20 ms", a.CriticalPath)
	}
	if a.Critical[0] != 20*ms || a.Critical[1] != 45*ms || a.Critical[2] != 35*ms || a.PathTime != 100*ms {
		t.Errorf("critical r1 %d, r2 %d, orphan %d ms of %d; want 20, 45, 35 of 100", a.Critical[0]/ms, a.Critical[1]/ms, a.Critical[2]/ms, a.PathTime/ms)
	}
	if a.Bottleneck != 1 {
		t.Errorf("bottleneck = span %d, want r2 (span 1: 45 ms of the path)", a.Bottleneck)
	}
	// Between two roots that do not overlap no span ran: the path has a hole.
	_, a = build(sp(1, 0, 0, 50, "r1"), sp(2, 0, 60, 100, "r2"))
	if a.Critical[0] != 50*ms || a.Critical[1] != 40*ms || a.PathTime != 90*ms {
		t.Errorf("critical r1 %d, r2 %d of %d ms; want 50, 40 of 90", a.Critical[0]/ms, a.Critical[1]/ms, a.PathTime/ms)
	}
}

func TestFailurePointTellsOriginFromPropagation(t *testing.T) {
	tr, a := build(
		errSpan(sp(1, 0, 0, 100, "POST /checkout"), "charge failed"),
		errSpan(sp(2, 1, 10, 90, "Charge"), ""),
		errSpan(sp(3, 2, 20, 80, "POST /v1/charges"), "502 Bad Gateway"),
		sp(4, 1, 1, 9, "GET cart"),
		errSpan(sp(5, 4, 2, 3, "GET session"), "cache miss"), // handled below an OK span
	)
	if a.Errors != 4 || a.Failure == nil {
		t.Fatalf("errors %d failure %v", a.Errors, a.Failure)
	}
	if got := tr.Span(a.Failure.Span).Name; got != "POST /v1/charges" || a.Failure.Message != "502 Bad Gateway" {
		t.Errorf("failure = %s: %s", got, a.Failure.Message)
	}
	if got := names(tr, a.Failure.Propagated); !slices.Equal(got, []string{"Charge", "POST /checkout"}) {
		t.Errorf("propagated = %v", got)
	}
	if a.Roles[0] != RolePropagated || a.Roles[2] != RoleOrigin || a.Roles[4] != RoleOrigin {
		t.Errorf("roles = %v", a.Roles)
	}
}

func TestFailureMessageFallsBackToExceptionAndHTTP(t *testing.T) {
	ex := errSpan(sp(1, 0, 0, 10, "a"), "")
	ex.Events = []Event{{Name: "exception", Attrs: []Attr{{"exception.type", StringValue("IOError")}, {"exception.message", StringValue("disk full")}}}}
	_, a := build(ex)
	if a.Failure.Message != "IOError: disk full" {
		t.Errorf("message = %q", a.Failure.Message)
	}
	h := errSpan(sp(1, 0, 0, 10, "a"), "")
	h.Attrs = []Attr{{"http.response.status_code", IntValue(503)}}
	_, a = build(h)
	if a.Failure.Message != "HTTP 503" {
		t.Errorf("message = %q", a.Failure.Message)
	}
}

func TestServiceTotals(t *testing.T) {
	r1 := &Resource{Service: "checkout"}
	r2 := &Resource{Service: "shipping"}
	s1, s2, s3 := sp(1, 0, 0, 100, "root"), sp(2, 1, 10, 90, "rates"), sp(3, 2, 20, 30, "db")
	s1.Resource, s2.Resource, s3.Resource = r1, r2, r2
	s3.Status = StatusError
	_, a := build(s1, s2, s3)
	want := []ServiceStat{{"checkout", 1, 0, 100 * ms, 20 * ms}, {"shipping", 2, 1, 90 * ms, 80 * ms}}
	if !slices.Equal(a.Services, want) {
		t.Errorf("services = %+v", a.Services)
	}
}
