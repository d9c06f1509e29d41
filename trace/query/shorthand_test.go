package query

import (
	"slices"
	"testing"
)

func TestShorthand(t *testing.T) {
	tr := shop()
	cases := []struct {
		q    string
		want []string
	}{
		{`service=cart`, []string{cCart}},
		{`SERVICE=Orders error`, []string{oPost, oInsert}},
		{`status=error kind=server`, []string{checkout, oPost}},
		{`duration>250ms`, []string{checkout, fPost, oPost}},
		{`duration<40`, []string{cCart, render}}, // a bare number is milliseconds
		{`%>50`, []string{checkout, fPost, oPost}},
		{`http.status_code>400`, []string{checkout, oPost}},
		{`db.system=postgres`, []string{oSelect, oInsert}},
		{`orders`, []string{fPost, oPost, oSelect, oInsert}}, // free words: service, name, …
		{`db down`, []string{oPost}},
		{`nothing-like-this`, nil},
	}
	for _, c := range cases {
		if IsTraceQL(c.q) {
			t.Errorf("%q read as TraceQL", c.q)
		}
		check(t, tr, c.q, c.want...)
	}
	// Placeholders never match, even a free word matching everything.
	o := orphans() // the placeholder's service is "unknown"
	if got := Parse(`o`).Eval(o).Spans(); slices.ContainsFunc(got, func(i int32) bool { return o.Span(i).Placeholder }) {
		t.Errorf("a placeholder was selected: %v", got)
	}
}

func TestShorthandErrors(t *testing.T) {
	cases := []struct{ q, want string }{
		{`duration>abc`, `column 10: "abc" is not a duration (like 50ms or 1.5s; a bare number is milliseconds)`},
		{`service=cart d>1e400`, `column 16: "1e400" is not a duration (like 50ms or 1.5s; a bare number is milliseconds)`},
		{`%>x`, `column 3: "x" is not a number (a percentage of the trace's duration)`},
		{`error http.status_code>abc`, `column 24: "abc" is not a number: > compares numbers`},
		{`status=bad`, `column 8: status is error, ok or unset, got "bad"`},
		{`service=`, `column 9: expected a value after "="`},
	}
	for _, c := range cases {
		_, err := Compile(c.q)
		if err == nil || err.Error() != c.want {
			t.Errorf("Compile(%q)\n got  %v\n want %s", c.q, err, c.want)
		}
	}
}

func TestWhichLanguage(t *testing.T) {
	for q, want := range map[string]bool{
		`{ }`: true, `  { name = "a" }`: true, `({ } || { }) > { }`: true, `( ({ }))`: true,
		`service=cart`: false, `(anonymous)`: false, `error`: false, ``: false,
	} {
		if IsTraceQL(q) != want {
			t.Errorf("IsTraceQL(%q) = %v", q, !want)
		}
	}
}
