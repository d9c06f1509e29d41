package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// Every markdown report GitHub renders (print's job summary, list, stats,
// check) shows a URL or an e-mail address in a trace's names as text (an
// autolink there would let a producer put a clickable link into a CI
// page), and an HTML entity as written, not as the character it names.
func TestMarkdownReportsBreakAutolinks(t *testing.T) {
	tt := &trace.Trace{}
	tt.ID[15] = 9
	res := &trace.Resource{Service: "www.shop.example"}
	s := trace.Span{TraceID: tt.ID, Name: "GET https://evil.example/login ops@evil.example &lt;script&gt;", Resource: res, Start: t0, End: t0 + 5*msec}
	s.SpanID[7] = 1
	tt.Spans = append(tt.Spans, s)
	tr := trace.Build(tt)
	a := trace.Analyzed{Tree: tr, Analysis: trace.Analyze(tr)}
	outputs := map[string]string{
		"print": Markdown([]trace.Analyzed{a}, Options{}),
		"list":  ListMarkdown([]trace.Summary{a.ListLine()}, Options{}),
		"check": MarkdownText("span GET https://evil.example/login ops@evil.example &lt;script&gt; failed"),
	}
	for name, md := range outputs {
		if !strings.Contains(md, "evil") {
			t.Fatalf("%s: the name is missing:\n%s", name, md)
		}
		if strings.Contains(outsideFences(md), "&lt;script") {
			t.Errorf("%s markdown shows the name's \"&lt;script\" as \"<script\":\n%s", name, md)
		}
		// GitHub links an e-mail address after decoding entities, so only
		// a node boundary before "@" (an empty comment) keeps it text.
		if text := outsideFences(md); strings.Count(text, "@") != strings.Count(text, "<!-- -->@") {
			t.Errorf("%s markdown has an \"@\" GitHub would make a mailto link of:\n%s", name, md)
		}
		for _, trigger := range []string{"://", "www."} {
			if strings.Contains(outsideFences(md), trigger) {
				t.Errorf("%s markdown keeps %q, which GitHub turns into a link:\n%s", name, trigger, md)
			}
		}
	}
}

// outsideFences drops fenced code blocks, where GitHub makes no links.
func outsideFences(md string) string {
	var b strings.Builder
	in := false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			in = !in
			continue
		}
		if !in {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}
