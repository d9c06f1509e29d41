package tui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source/load"
)

// Kind: async work is not clock skew. Selecting the consumer of a message
// that waited 2 s in a queue says so in the details pane; the waterfall
// shows no data warning for it.
func TestDetailsTellAConsumersQueueWait(t *testing.T) {
	in := filepath.Join("..", "testdata", "cases", "02-jaeger-producer-consumer-after-parent.json")
	m := drive(t, New(loadTraces(t, load.Input{Name: in}), Options{}), 200, 30, "j") // the pane is on at 200 columns
	screen := checkScreen(t, m, 200, 30)
	if !strings.Contains(screen, "queue wait: 2.00 s after gateway publish order.created ended") {
		t.Errorf("the details pane must tell the 2 s queue wait:\n%s", screen)
	}
	if strings.Contains(screen, "⚠") && !strings.Contains(screen, "⚠ data warning") || strings.Contains(screen, "after parent") {
		t.Errorf("messaging is no data warning:\n%s", screen)
	}
}
