package trace

import (
	"slices"
	"testing"
)

// Kind: async work is not clock skew, and skew is not async. Messaging
// (consumers, follows-from and linked children) after its producer ended
// is normal: no warning, and the wait is told. A server outside its client
// is skew: warned, never async.

func TestConsumerAfterItsProducerIsAQueueWaitNotAWarning(t *testing.T) {
	producer := with(in("gateway", sp(1, 0, 0, 1000, "publish")), KindProducer)
	consumer := with(in("worker", sp(2, 1, 3000, 3100, "consume")), KindConsumer)
	tr, f := find(producer, consumer)
	if len(tr.Warnings) != 0 || tr.Notes(1) != nil {
		t.Errorf("messaging is no broken data: warnings %v, notes %v", tr.Warnings, tr.Notes(1))
	}
	if tr.Marks[1]&MarkAsync == 0 {
		t.Error("the consumer must be marked async")
	}
	if w := tr.QueueWait(1); w != 2000*ms {
		t.Errorf("queue wait = %d ms, want 2000 (producer end 1 s, consumer start 3 s)", w/ms)
	}
	i := slices.Index(kinds(f), FindingQueueWait)
	if i < 0 || f.List[i].Time != 2000*ms || f.List[i].Of != 3100*ms || !slices.Equal(f.List[i].Spans, []int32{0, 1}) {
		t.Errorf("want a queue-wait finding of 2 s of 3.1 s naming producer and consumer: %+v", f.List)
	}
	if slices.Contains(kinds(f), FindingSelf) {
		t.Errorf("publish has no child inside it to seem explained by: no self finding, got %+v", f.List)
	}
}

func TestFollowsFromAndLinkedChildrenWaitLikeConsumers(t *testing.T) {
	follows := in("b", sp(2, 1, 500, 600, "follows"))
	follows.Attrs = []Attr{{Key: "jaeger.ref_type", Value: StringValue("follows_from")}}
	linked := in("c", sp(3, 1, 700, 800, "linked"))
	linked.Links = []Link{{TraceID: linked.TraceID, SpanID: SpanID{7: 1}}}
	plain := in("d", sp(4, 1, 50, 900, "outlives"))
	tr, _ := build(in("a", sp(1, 0, 0, 100, "root")), follows, linked, plain)
	for i, want := range []int64{0, 400 * ms, 600 * ms, 0} {
		if got := tr.QueueWait(int32(i)); got != want {
			t.Errorf("%s: queue wait %d ms, want %d", tr.Span(int32(i)).Name, got/ms, want/ms)
		}
	}
	// A plain child that outlives its parent may be async or skewed: it
	// stays async with its note, and is the only one warned about.
	if tr.Marks[3]&MarkAsync == 0 || !hasWarning(tr, Warning{Kind: WarnEndsAfterParent, Count: 1}) {
		t.Errorf("outlives: marks %b, warnings %v", tr.Marks[3], tr.Warnings)
	}
}

func TestServerOutsideItsClientIsSkewNeverAsync(t *testing.T) {
	client := with(in("web", sp(2, 1, 100, 200, "GET /x")), KindClient)
	early := with(in("api", sp(3, 2, 90, 150, "GET /x")), KindServer)
	client2 := with(in("web", sp(4, 1, 300, 400, "GET /y")), KindClient)
	late := with(in("api", sp(5, 4, 310, 420, "GET /y")), KindServer)
	// A consumer that starts before its producer is skew too.
	producer := with(in("web", sp(6, 1, 500, 510, "send")), KindProducer)
	consumer := with(in("q", sp(7, 6, 490, 600, "receive")), KindConsumer)
	tr, _ := build(in("web", sp(1, 0, 0, 1000, "root")), client, early, client2, late, producer, consumer)
	for _, i := range []int32{2, 4, 6} {
		if tr.Marks[i]&MarkAsync != 0 || tr.Notes(i) == nil {
			t.Errorf("%s: skew must be warned and never async (marks %b)", tr.Span(i).Name, tr.Marks[i])
		}
	}
	// late ends after its client; receive both starts before and ends after.
	if !hasWarning(tr, Warning{Kind: WarnStartsBeforeParent, Count: 2}) || !hasWarning(tr, Warning{Kind: WarnEndsAfterParent, Count: 2}) {
		t.Errorf("warnings = %v", tr.Warnings)
	}
	if tr.QueueWait(6) != 0 {
		t.Error("a consumer before its producer waited for nothing")
	}
}

func TestProducersOwnWorkInsideItIsNotAsync(t *testing.T) {
	producer := with(in("web", sp(1, 0, 0, 100, "send")), KindProducer)
	tr, _ := build(producer, in("web", sp(2, 1, 10, 20, "serialize")))
	if tr.Marks[1]&MarkAsync != 0 {
		t.Error("work inside its producer holds the producer up: not async")
	}
}
