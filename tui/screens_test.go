package tui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Every key the help screen and the hint lines show does something: it is
// in the table of a screen, or a global binding.
func TestHelpListsOnlyKeysThatWork(t *testing.T) {
	m := New(demoTraces(t), Options{})
	var tables []key.Binding
	for _, s := range []screen{&m.list, &m.trace, &m.panel, &m.help} {
		tables = append(tables, s.Bindings()...)
	}
	tables = append(tables, keysOf(m.globalTable)...)
	dispatched := func(b key.Binding) bool {
		for _, d := range tables {
			if strings.Join(d.Keys(), ",") == strings.Join(b.Keys(), ",") && d.Help() == b.Help() {
				return true
			}
		}
		return false
	}
	shown := m.list.hints()
	shown = append(shown, m.keys.ShortHelp()...)
	shown = append(shown, m.panel.hints()...)
	for _, keys := range [][]string{{"?"}, {"enter", "?"}, {"enter", "tab"}, {"T", "?"}} {
		m := drive(t, New(demoTraces(t), Options{}), 100, 30, keys...)
		shown = append(shown, m.trace.hints()...)
		_, groups := m.help.groups()
		for _, g := range groups {
			shown = append(shown, g.keys...)
		}
	}
	for _, b := range shown {
		if !dispatched(b) {
			t.Errorf("%q (%s) is shown but no screen answers it", b.Help().Key, b.Help().Desc)
		}
	}
}

// One stack decides what is drawn and who gets a key: help over a panel
// over the waterfall, each closing back to the one below.
func TestScreenStack(t *testing.T) {
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "enter", "T")
	if !strings.HasPrefix(screenText(m), "statistics") {
		t.Fatalf("T opens the statistics:\n%s", screenText(m))
	}
	m = drive(t, m, 100, 30, "e") // a waterfall key: the panel takes it and does nothing
	if m.trace.view().cur != 0 {
		t.Error("a key pressed in a panel moved the waterfall under it")
	}
	m = drive(t, m, 100, 30, "?")
	if !strings.HasPrefix(screenText(m), "tracetui keys") {
		t.Fatalf("? in a panel shows help:\n%s", screenText(m))
	}
	m = drive(t, m, 100, 30, "esc")
	if !strings.HasPrefix(screenText(m), "statistics") {
		t.Errorf("esc in help returns to the panel:\n%s", screenText(m))
	}
	if _, cmd := m.Update(keyMsg("q")); cmd == nil || cmd() != tea.Quit() {
		t.Error("q in a panel quits, as its hint line says")
	}
	m = drive(t, m, 100, 30, "esc", "/", "type:q")
	if m.prompt == nil || m.prompt.text != "q" {
		t.Fatal("q in the prompt is typed")
	}
	if !strings.Contains(screenText(m), "search: q") {
		t.Errorf("the prompt is drawn over the status line:\n%s", screenText(m))
	}
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}); cmd == nil || cmd() != tea.Quit() {
		t.Error("ctrl+c quits even from the prompt")
	}
}

// View draws what Update left: it never builds a panel or runs a query.
func TestViewChangesNothing(t *testing.T) {
	defer func(n int) { inlinePanelSpans = n }(inlinePanelSpans)
	inlinePanelSpans = 1 // every panel is built in a Cmd
	m := drive(t, New(demoTraces(t), Options{}), 100, 30, "enter")
	_, cmd := m.Update(keyMsg("T"))
	for range 3 {
		if out := screenText(m); !strings.Contains(out, "building…") {
			t.Fatalf("until the build lands, the panel says it is building:\n%s", out)
		}
	}
	if m.panel.memo.body != nil {
		t.Fatal("drawing filled the panel's memo")
	}
	feedMsgs(m, cmd)
	if out := screenText(m); !strings.Contains(out, "sorted by total") {
		t.Errorf("the built panel shows once its message arrives:\n%s", out)
	}
}
