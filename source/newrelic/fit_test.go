package newrelic

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// node is a span as an agent measured it, in ns, before it cut the start
// to the ms.
type node struct {
	id, parent      int
	start, duration int64
}

// randomTransaction is a tree of synchronous segments, each inside its
// parent in true (ns) time, as the Go agent records a transaction.
func randomTransaction(rng *rand.Rand, n int) []node {
	base := int64(1796003627000)*1e6 + rng.Int64N(1e9)
	nodes := []node{{id: 1, start: base, duration: 1e6 + rng.Int64N(50e6)}}
	for len(nodes) < n {
		p := nodes[rng.IntN(len(nodes))]
		off := rng.Int64N(p.duration)
		d := 1 + rng.Int64N(p.duration-off)
		if rng.IntN(3) == 0 {
			d = p.duration - off // ends with its parent: the hard case
		}
		nodes = append(nodes, node{id: len(nodes) + 1, parent: p.id, start: p.start + off, duration: d})
	}
	return nodes
}

func payloadOf(nodes []node) string {
	var b strings.Builder
	b.WriteString(`["run",{},[`)
	for i, n := range nodes {
		if i > 0 {
			b.WriteByte(',')
		}
		parent := ""
		if n.parent != 0 {
			parent = fmt.Sprintf(`"parentId":"%016x",`, n.parent)
		}
		fmt.Fprintf(&b, `[{"traceId":"4c2a85e1c611fb3d0e26e2020818b7d9","guid":"%016x",%s"name":"s%d","timestamp":%d,"duration":%s},{},{}]`,
			n.id, parent, n.id, n.start/1e6, strconv.FormatFloat(time.Duration(n.duration).Seconds(), 'g', -1, 64))
	}
	b.WriteString(`]]`)
	return b.String()
}

// Segments nested in true time stay nested once their starts are cut to
// the ms: no span outlives its parent, each start lies in the ms the agent
// sent, and every duration is the agent's.
func TestNestedSegmentsStayNested(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 2000; round++ {
		nodes := randomTransaction(rng, 2+rng.IntN(12))
		c := trace.NewCollector()
		if _, err := DecodeSpanEvents(strings.NewReader(payloadOf(nodes)), c, &source.Warnings{}); err != nil {
			t.Fatal(err)
		}
		tr := c.Traces()[0]
		tree := trace.Build(tr)
		if len(tree.Warnings) != 0 {
			t.Fatalf("round %d: warnings %v for\n%s", round, tree.Warnings, payloadOf(nodes))
		}
		for _, s := range tr.Spans {
			id, _ := strconv.Atoi(s.Name[1:])
			n := nodes[id-1]
			if ms := n.start / 1e6 * 1e6; s.Start < ms || s.Start >= ms+1e6 {
				t.Fatalf("round %d: %s starts at %d, outside the ms %d it was sent in", round, s.Name, s.Start, ms)
			}
			if s.End-s.Start != n.duration {
				t.Fatalf("round %d: %s lasts %d, the agent measured %d", round, s.Name, s.End-s.Start, n.duration)
			}
		}
	}
}

// A segment that outlives its transaction by more than the ms can hide
// (a goroutine's work) keeps its timestamp, and is marked as Build marks
// async work.
func TestAsyncSegmentIsLeftOutside(t *testing.T) {
	body := payloadOf([]node{{id: 1, start: 1796003627000_400000, duration: 5e6}, {id: 2, parent: 1, start: 1796003627004_000000, duration: 8e6}})
	c := trace.NewCollector()
	DecodeSpanEvents(strings.NewReader(body), c, &source.Warnings{})
	tr := c.Traces()[0]
	for _, s := range tr.Spans {
		if s.Start%1e6 != 0 {
			t.Errorf("%s moved to %d", s.Name, s.Start)
		}
	}
	if tree := trace.Build(tr); len(tree.Warnings) == 0 {
		t.Error("the async segment is not marked")
	}
}
