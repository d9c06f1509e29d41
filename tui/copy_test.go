package tui

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/internal/golden"
	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// Test-only: the encoder cmd injects, from source/ (tui itself may not).
func otlpJSON(spans []*trace.Span) []byte { return otlpjson.AppendRequest(nil, spans) }

func copyOptions() Options { return Options{OTLPJSON: otlpJSON} }

// pressKey sends one key and returns the Cmd Update gave back.
func pressKey(t *testing.T, m *Model, k string) tea.Cmd {
	t.Helper()
	_, cmd := m.Update(keyMsg(k))
	return cmd
}

// clipboardText runs a Cmd Update returned (the copy's encoding, off the
// UI loop), feeds its message back, and reads the clipboard text out of
// the message tea.SetClipboard makes (an unexported string type).
func clipboardText(t *testing.T, m *Model, cmd tea.Cmd) string {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command: nothing was copied")
	}
	_, clip := m.Update(cmd())
	if clip == nil {
		t.Fatalf("no clipboard command; status %q", m.status)
	}
	msg := clip()
	v := reflect.ValueOf(msg)
	if fmt.Sprintf("%T", msg) != "tea.setClipboardMsg" || v.Kind() != reflect.String {
		t.Fatalf("not a clipboard message: %T", msg)
	}
	return v.String()
}

// spanIDs loads text as tracetui loads a file and lists its span IDs.
func spanIDs(t *testing.T, text string) []string {
	t.Helper()
	res, err := load.All([]load.Input{{Name: "clipboard", Reader: strings.NewReader(text)}}, load.Options{})
	if err != nil {
		t.Fatalf("the copy does not load: %v\n%s", err, text)
	}
	var ids []string
	for _, tr := range res.Traces {
		for _, s := range tr.Spans {
			ids = append(ids, s.SpanID.String())
		}
	}
	return ids
}

// subtreeIDs are the IDs of the selected span's subtree, in pre-order.
func subtreeIDs(m *Model) []string {
	v := m.trace.view()
	var ids []string
	for _, i := range scopeSpans(v.tr, v.selected(), scopeSubtree) {
		ids = append(ids, v.tr.Span(i).SpanID.String())
	}
	return ids
}

func TestCopySubtreeAsOTLPJSON(t *testing.T) {
	m := drive(t, New(demoTraces(t), copyOptions()), 100, 30, "enter", "j", "j")
	want := subtreeIDs(m)
	if len(want) < 2 {
		t.Fatalf("selected a leaf; pick a span with children (%v)", want)
	}
	if cmd := pressKey(t, m, "y"); cmd != nil || m.copy.menu == nil {
		t.Fatal("y must open the menu and do nothing else")
	}
	golden.AssertNamed(t, "TestCopy/menu_100x30", checkScreen(t, m, 100, 30))
	text := clipboardText(t, m, pressKey(t, m, "t"))
	if got := spanIDs(t, text); !reflect.DeepEqual(got, want) {
		t.Errorf("clipboard holds spans %v, want the subtree %v", got, want)
	}
	wantStatus := fmt.Sprintf("copied %d spans, %.1f KB as OTLP JSON", len(want), float64(len(text))/1024)
	if m.status != wantStatus {
		t.Errorf("status %q, want %q", m.status, wantStatus)
	}
	golden.AssertNamed(t, "TestCopy/copied_100x30", checkScreen(t, m, 100, 30))
}

func TestCopyWholeTraceAndOneSpan(t *testing.T) {
	m := drive(t, New(demoTraces(t), copyOptions()), 100, 30, "enter")
	v := m.trace.view()
	pressKey(t, m, "y")
	if got := spanIDs(t, clipboardText(t, m, pressKey(t, m, "a"))); len(got) != len(v.tr.Trace.Spans) {
		t.Errorf("whole trace: %d spans copied, want %d", len(got), len(v.tr.Trace.Spans))
	}
	pressKey(t, m, "y")
	got := spanIDs(t, clipboardText(t, m, pressKey(t, m, "s")))
	if len(got) != 1 || got[0] != v.tr.Span(v.selected()).SpanID.String() {
		t.Errorf("one span: copied %v", got)
	}
}

// The OSC 52 escape as the program writes it to the terminal: read back
// from the output, base64-decoded, it loads as the same spans.
func TestCopyWritesOSC52(t *testing.T) {
	m := New(demoTraces(t), copyOptions())
	out := &syncBuffer{}
	p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(out), tea.WithWindowSize(100, 30))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	for _, k := range []string{"enter", "j", "j", "y", "t"} {
		p.Send(keyMsg(k))
	}
	osc := regexp.MustCompile("\x1b\\]52;c;([A-Za-z0-9+/=]*)\x07")
	deadline := time.Now().Add(10 * time.Second)
	for !osc.MatchString(out.String()) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	p.Quit()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	match := osc.FindStringSubmatch(out.String())
	if match == nil {
		t.Fatal("no OSC 52 escape in the program's output")
	}
	text, err := base64.StdEncoding.DecodeString(match[1])
	if err != nil {
		t.Fatal(err)
	}
	if got, want := spanIDs(t, string(text)), subtreeIDs(m); !reflect.DeepEqual(got, want) {
		t.Errorf("OSC 52 payload holds %v, want %v", got, want)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Escape sequences in span names and attributes never reach the
// clipboard raw, in either format: JSON escapes them, markdown drops them.
func TestCopyIsSanitized(t *testing.T) {
	hostile := `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc\u001b]52;c;ZXZpbA==\u0007"}}]},
	"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"GET \u001b[2J|x|` + "`" + `\u009b31m",
	"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000",
	"attributes":[{"key":"k","value":{"stringValue":"\u001b]8;;http://evil\u0007link\u202e"}}]}]}]}]}`
	traces := loadTraces(t, load.Input{Name: "hostile", Reader: strings.NewReader(hostile)})
	for _, keys := range [][]string{{"y", "a"}, {"y", "tab", "a"}} {
		m := drive(t, New(traces, copyOptions()), 100, 30)
		var cmd tea.Cmd
		for _, k := range keys {
			cmd = pressKey(t, m, k)
		}
		text := clipboardText(t, m, cmd)
		for _, r := range text {
			if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x202e {
				t.Errorf("%v: control character %U in the copy:\n%q", keys, r, text)
				break
			}
		}
		if keys[1] == "tab" {
			if !strings.Contains(m.status, "as markdown") || !strings.Contains(text, `GET \|x\|`) {
				t.Errorf("markdown copy: status %q\n%s", m.status, text)
			}
		} else if got := spanIDs(t, text); len(got) != 1 {
			t.Errorf("the JSON copy does not load back: %v", got)
		}
	}
}

// w asks for a file name and writes in a Cmd, never in Update; a failure
// is said on the status line.
func TestWriteToFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "trace.json")
	m := drive(t, New(demoTraces(t), copyOptions()), 100, 30, "enter", "w", "a")
	if !strings.HasPrefix(m.copy.menu.path, "trace-") {
		t.Errorf("suggested name %q", m.copy.menu.path)
	}
	m = drive(t, m, 100, 30, "ctrl+u", "type:"+path)
	golden.AssertNamed(t, "TestCopy/write_prompt_100x30", strings.ReplaceAll(checkScreen(t, m, 100, 30), dir, "DIR"))
	cmd := pressKey(t, m, "enter")
	if _, err := os.Stat(path); err == nil || cmd == nil {
		t.Fatal("the file was written in Update, or no Cmd returned")
	}
	m.Update(cmd())
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(spanIDs(t, string(b))); n != len(m.trace.view().tr.Trace.Spans) || !strings.HasPrefix(m.status, fmt.Sprintf("wrote %d spans", n)) {
		t.Errorf("wrote %d spans; status %q", n, m.status)
	}
	m = drive(t, m, 100, 30, "w", "s", "ctrl+u", "type:"+filepath.Join(dir, "no", "such", "dir.json"))
	m.Update(pressKey(t, m, "enter")())
	if !strings.Contains(m.status, "cannot write") || !strings.Contains(m.status, "no such file or directory") {
		t.Errorf("status %q", m.status)
	}
}

// Without an injected encoder the menu offers markdown only.
func TestCopyWithoutEncoderIsMarkdown(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "enter", "y", "tab")
	if text := clipboardText(t, m, pressKey(t, m, "s")); !strings.HasPrefix(text, "### ") || !strings.Contains(m.status, "as markdown") {
		t.Errorf("status %q, text:\n%s", m.status, text)
	}
}

// A trace bigger than a terminal's clipboard takes is not sent as an
// escape; the status says so and points at w.
func TestCopyTooBigForTheClipboard(t *testing.T) {
	var buf bytes.Buffer
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 40_000, Traces: 1, Seed: 3})
	traces := loadTraces(t, load.Input{Name: "big", Reader: &buf})
	m := drive(t, New(traces, copyOptions()), 100, 30, "y")
	cmd := pressKey(t, m, "a")
	if _, clip := m.Update(cmd()); clip != nil || !strings.HasPrefix(m.status, "not copied: 40000 spans are ") || !strings.HasSuffix(m.status, "w writes them to a file") {
		t.Errorf("status %q", m.status)
	}
}

// A missing parent's placeholder row is no span of the input: there is
// nothing to copy, and its subtree is its real children only.
func TestCopyPlaceholderRow(t *testing.T) {
	orphan := `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
	"parentSpanId":"0000000000000009","name":"orphan","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000"}]}]}]}`
	m := drive(t, New(loadTraces(t, load.Input{Name: "orphan", Reader: strings.NewReader(orphan)}), copyOptions()), 100, 30, "g")
	v := m.trace.view()
	if !v.tr.Span(v.selected()).Placeholder {
		t.Fatal("the first row is not the placeholder")
	}
	pressKey(t, m, "y")
	if _, clip := m.Update(pressKey(t, m, "s")()); clip != nil || m.status != render.CopyNothing {
		t.Errorf("status %q", m.status)
	}
	pressKey(t, m, "y")
	if got := spanIDs(t, clipboardText(t, m, pressKey(t, m, "t"))); len(got) != 1 || got[0] != "eee19b7ec3c1b174" {
		t.Errorf("subtree of the placeholder: %v", got)
	}
}

// On small terminals the menu wraps over the lines above the status
// line: every option, the format with what tab switches it to, and esc
// show, and tab visibly changes the format; the file name shows its end.
func TestCopyMenuFitsSmallTerminals(t *testing.T) {
	for _, sz := range [][2]int{{40, 10}, {80, 24}} {
		w, h := sz[0], sz[1]
		name := fmt.Sprintf("%dx%d", w, h)
		m := drive(t, New(demoTraces(t), copyOptions()), w, h, "enter", "j", "j", "y")
		menu := checkScreen(t, m, w, h)
		spans := " spans)"
		if w < 80 {
			spans = ")"
		}
		for _, want := range []string{"s span (1", "t subtree (3" + spans, "a trace (14" + spans, "format: OTLP JSON (tab: markdown)", "esc cancel", "> "} {
			if !strings.Contains(menu, want) {
				t.Errorf("%s: menu lacks %q:\n%s", name, want, menu)
			}
		}
		golden.AssertNamed(t, "TestCopy/menu_"+name, menu)
		pressKey(t, m, "tab")
		if s := checkScreen(t, m, w, h); !strings.Contains(s, "format: markdown (tab: OTLP JSON)") {
			t.Errorf("%s: tab shows no change:\n%s", name, s)
		}
		pressKey(t, m, "esc")
		m = drive(t, m, w, h, "w", "a")
		prompt := checkScreen(t, m, w, h)
		if !strings.Contains(prompt, m.copy.menu.path+m.glyphs.Caret) && w >= 40 {
			t.Errorf("%s: the file name %q is cut:\n%s", name, m.copy.menu.path, prompt)
		}
		golden.AssertNamed(t, "TestCopy/write_prompt_"+name, prompt)
	}
}

// w does not replace a file that exists without asking: n goes back to
// the name, y overwrites; the file is untouched until then.
func TestWriteAsksBeforeOverwriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keep.json")
	if err := os.WriteFile(path, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := drive(t, New(demoTraces(t), copyOptions()), 80, 24, "enter", "w", "s", "ctrl+u", "type:"+path)
	m.Update(pressKey(t, m, "enter")())
	if b, _ := os.ReadFile(path); string(b) != "mine\n" {
		t.Fatalf("the file was replaced without asking: %q", b)
	}
	asked := checkScreen(t, m, 80, 24)
	if m.copy.menu == nil || !m.copy.menu.confirm || !strings.Contains(asked, "file exists: "+path) || !strings.Contains(asked, "overwrite? y/n") {
		t.Fatalf("no question:\n%s", asked)
	}
	pressKey(t, m, "n")
	if m.copy.menu == nil || m.copy.menu.confirm || !m.copy.menu.typing || m.copy.menu.path != path {
		t.Fatal("n must go back to the file name")
	}
	m.Update(pressKey(t, m, "enter")())
	cmd := pressKey(t, m, "y")
	if b, _ := os.ReadFile(path); string(b) != "mine\n" || cmd == nil {
		t.Fatal("y must write in a Cmd, not in Update")
	}
	m.Update(cmd())
	if b, _ := os.ReadFile(path); len(spanIDs(t, string(b))) != 1 || !strings.HasPrefix(m.status, "wrote 1 span") {
		t.Errorf("after y: %q, status %q", b, m.status)
	}
}

// y on the trace list says what it needs instead of doing nothing.
func TestCopyOnTheListSaysOpenATrace(t *testing.T) {
	m := drive(t, New(demoTraces(t), copyOptions()), 80, 24, "y")
	if m.copy.menu != nil || !strings.Contains(checkScreen(t, m, 80, 24), "open a trace to copy") {
		t.Errorf("status %q", m.status)
	}
}
