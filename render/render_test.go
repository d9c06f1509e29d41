package render

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/trace"
)

const msec = int64(1e6)
const t0 = int64(1_790_000_000_000_000_000)

type spec struct {
	id, parent byte
	svc, name  string
	start, end int64 // msec
	err        string
}

// build makes an analyzed trace from compact specs.
func build(specs ...spec) trace.Analyzed {
	res := map[string]*trace.Resource{}
	t := &trace.Trace{}
	t.ID[15] = 7
	for _, sp := range specs {
		r := res[sp.svc]
		if r == nil {
			r = &trace.Resource{Service: sp.svc}
			res[sp.svc] = r
		}
		s := trace.Span{TraceID: t.ID, Name: sp.name, Resource: r, Start: t0 + sp.start*msec, End: t0 + sp.end*msec}
		s.SpanID[7] = sp.id
		s.ParentID[7] = sp.parent
		if sp.err != "" {
			s.Status, s.StatusMessage = trace.StatusError, sp.err
		}
		t.Spans = append(t.Spans, s)
	}
	tr := trace.Build(t)
	return trace.Analyzed{Tree: tr, Analysis: trace.Analyze(tr)}
}

// checkout: a slow shipping call, parallel cart/inventory calls, an orphan
// whose parent never arrived, a span starting before its parent, and a
// payment failure that propagates up.
func fixture() trace.Analyzed {
	return build(
		spec{1, 0, "checkout", "POST /checkout", 0, 5600, "charge failed"},
		spec{2, 1, "cart", "GET /v1/cart", 10, 60, ""},
		spec{3, 1, "inventory", "POST /v1/reserve", 20, 70, ""},
		spec{4, 1, "shipping", "GET /v2/rates", 80, 5300, ""},
		spec{5, 4, "shipping", "SELECT rates", 70, 120, ""},
		spec{6, 1, "checkout", "Charge", 5310, 5590, "declined"},
		spec{7, 6, "payment", "POST /v1/charges", 5320, 5580, "502 Bad Gateway"},
		spec{8, 9, "audit", "write log 注文 🚀", 100, 200, ""},
	)
}

func TestWaterfallGoldens(t *testing.T) {
	f := fixture()
	collapsed := ViewState{Collapsed: map[int32]bool{3: true}}
	cases := []struct {
		name string
		st   ViewState
		opt  Options
	}{
		{"plain", ViewState{}, Options{}},
		{"ascii", ViewState{}, Options{Glyphs: ASCII}},
		{"collapsed", collapsed, Options{}},
		{"maxspans", ViewState{Budget: SpanBudget(f.Tree, f.Analysis, 5, nil)}, Options{}},
		{"zoomed", ViewState{WinStart: t0 + 5300*msec, WinEnd: t0 + 5600*msec}, Options{}},
	}
	for _, c := range cases {
		for _, w := range []int{60, 120} {
			t.Run(fmt.Sprintf("%s_w%d", c.name, w), func(t *testing.T) {
				opt := c.opt
				opt.Width = w
				lines := Waterfall(f.Tree, f.Analysis, c.st, opt)
				for _, l := range lines {
					if n := ansi.StringWidth(l); n > w {
						t.Errorf("row %d columns wide at width %d: %q", n, w, l)
					}
				}
				golden.Assert(t, strings.Join(lines, "\n")+"\n")
			})
		}
	}
}

func TestStyledRowsPinHighlighting(t *testing.T) {
	f := fixture()
	opt := Options{Width: 100, Styles: DefaultStyles(true)}
	opt.Styles.AssignTrace(f.Tree, f.Analysis) // as print's Header does
	var b strings.Builder
	lines := Waterfall(f.Tree, f.Analysis, ViewState{HasSelection: true, Selected: 3}, opt)
	for _, l := range lines {
		b.WriteString(strconv.Quote(l) + "\n")
	}
	raw := strings.Join(lines, "\n")
	st := DefaultStyles(true)
	if !strings.Contains(raw, st.Origin+"✗") || !strings.Contains(raw, st.Bottleneck+"◆") || !strings.Contains(lines[4], st.Selected) {
		t.Error("failure point, bottleneck and the selected row must be highlighted")
	}
	golden.Assert(t, b.String())
}

func TestPlainStylesEmitNoEscapes(t *testing.T) {
	f := fixture()
	var b strings.Builder
	if err := WriteText(&b, []trace.Analyzed{f}, Options{Width: 80}); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); strings.ContainsRune(out, 0x1b) {
		t.Error("plain output contains ESC")
	}
}

func TestDiagnosisLines(t *testing.T) {
	got := Unicode.Diagnosis(fixture().Tree, fixture().Analysis)
	want := []string{
		"bottleneck: shipping GET /v2/rates 5.18 s on the critical path of 5.60 s (92%), self 5.18 s",
		"failure: payment POST /v1/charges: 502 Bad Gateway (propagated to Charge, POST /checkout)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Diagnosis =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHostileNamesNeverBreakTheLayout(t *testing.T) {
	f := build(
		spec{1, 0, "svc\x1b[2J", "GET \x1b]8;;http://evil\x07click\x1b]8;;\x07", 0, 100, "boom\r\x1b[31m"},
		spec{2, 1, "注文サービス", strings.Repeat("長い名前", 30), 10, 90, ""},
		spec{3, 2, "🚀🚀", "emoji 👩\u200d💻 \u202Egnp.exe", 20, 30, ""},
	)
	for w := 20; w <= 200; w += 7 {
		for _, ascii := range []bool{false, true} {
			opt := Options{Width: w, Glyphs: Unicode}
			if ascii {
				opt.Glyphs = ASCII
			}
			lines := append(Waterfall(f.Tree, f.Analysis, ViewState{}, opt), Header(f.Tree, f.Analysis, opt)...)
			lines = append(lines, Details(f.Tree, f.Analysis, 0, opt)...)
			for _, l := range lines {
				if n := ansi.StringWidth(l); n > w {
					t.Fatalf("width %d ascii=%v: line of %d columns: %q", w, ascii, n, l)
				}
				if strings.ContainsAny(l, "\x1b\r\u202e") {
					t.Fatalf("control sequence reached the output: %q", l)
				}
				if ascii && !isPlainASCII(l) {
					t.Fatalf("--ascii output has non-ASCII: %q", l)
				}
			}
		}
	}
}

func TestDetailsShowTheSpansLogRecordsInTimeOrder(t *testing.T) {
	f := build(
		spec{1, 0, "checkout", "POST /checkout", 0, 100, ""},
		spec{2, 1, "payment", "Charge", 10, 90, "declined"},
	)
	var span2 trace.SpanID
	span2[7] = 2
	f.Tree.Trace.Logs = []trace.LogRecord{
		{SpanID: span2, Time: t0 + 80*msec, Severity: "ERROR", Body: "card declined\x1b[2J", Attrs: []trace.Attr{{Key: "card", Value: trace.StringValue("visa")}}},
		{SpanID: span2, Time: t0 + 5*msec, Severity: "INFO", Body: "logged before the span began"},
		{Time: t0 + 20*msec, Body: "another span's record"},
	}
	golden.Assert(t, strings.Join(Details(f.Tree, f.Analysis, 1, Options{Width: 60}), "\n")+"\n")
}
