package source

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// Lost tallies what an encoder had no place for, per kind: how many spans
// lost it and, where one span can lose several (attributes, events,
// links), how many of those. export lists it on stderr so the user knows
// how many spans changed. The zero value is ready to use.
type Lost struct {
	kinds map[string]*lostKind
}

type lostKind struct {
	spans, items int
	unit         string // singular noun of the items, "" when a span loses one
	last         *trace.Span
}

// Add records that s lost n items (unit, singular: "attribute") of the
// kind what; unit "" counts the span only.
func (l *Lost) Add(s *trace.Span, what, unit string, n int) {
	if l.kinds == nil {
		l.kinds = map[string]*lostKind{}
	}
	k := l.kinds[what]
	if k == nil {
		k = &lostKind{unit: unit}
		l.kinds[what] = k
	}
	if k.last != s || s == nil {
		k.spans++
		k.last = s
	}
	k.items += n
}

// Lines words the tally as "what: 2 spans (3 attributes)", sorted.
func (l *Lost) Lines() []string {
	out := make([]string, 0, len(l.kinds))
	for what, k := range l.kinds {
		line := what + ": " + Plural(k.spans, "span")
		if k.unit != "" {
			line += " (" + Plural(k.items, k.unit) + ")"
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

// Plural is "1 span", "3 spans", "2 statuses": counts in source's warnings.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "s") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
