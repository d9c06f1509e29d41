package query

import (
	"errors"
	"testing"
)

// TestParsesEveryConstruct: each TraceQL construct of the supported
// subset compiles (what each selects is in eval_test.go).
func TestParsesEveryConstruct(t *testing.T) {
	for _, q := range []string{
		`{}`, `{ }`, `{ true }`, `{ false }`,
		`{ name = "a" && status = error || !(kind = server) }`,
		`{ span.a = 1 } && { span.b = 2 } || { span.c = 3 }`,
		`({ span.a = 1 } || { span.b = 2 }) >> { }`,
		`{ .a = "s" }`, `{ .a != 1 }`, `{ .a > 1.5 }`, `{ .a >= -2 }`, `{ .a < 1e3 }`, `{ .a <= 0 }`,
		`{ .a =~ "x.*" }`, `{ .a !~ "x.*" }`, "{ .a = `raw\\d` }", `{ .a = "esc\"aped" }`,
		`{ .a = true }`, `{ .a != false }`, `{ .a = nil }`, `{ .a != nil }`,
		`{ duration > 1ns }`, `{ duration > 1us }`, `{ duration > 1µs }`, `{ duration > 1ms }`,
		`{ duration > 1.5s }`, `{ duration > 2m }`, `{ duration > 1h }`, `{ duration > 1h30m }`,
		`{ status = ok }`, `{ status = unset }`, `{ status != error }`,
		`{ kind = server }`, `{ kind = client }`, `{ kind = producer }`, `{ kind = consumer }`,
		`{ kind = internal }`, `{ kind = unspecified }`,
		`{ name = "a" }`, `{ span:name = "a" }`, `{ span:status = error }`, `{ statusMessage = "m" }`,
		`{ span:statusMessage = "m" }`, `{ span:kind = server }`, `{ span:duration > 1s }`,
		`{ span:id = "0102030405060708" }`, `{ trace:id = "0102" }`, `{ rootName = "r" }`,
		`{ trace:rootName = "r" }`, `{ rootServiceName = "s" }`, `{ trace:rootService = "s" }`,
		`{ traceDuration > 1s }`, `{ trace:duration > 1s }`, `{ event:name = "e" }`,
		`{ link:traceID = "ab" }`, `{ link:spanID = "ab" }`,
		`{ span.http.status_code = 200 }`, `{ resource.service.name = "s" }`, `{ .http.route = "/" }`,
		`{ span."attr with space" = 1 }`, `{ resource."k8s pod" = "p" }`, `{ ."x y" = 1 }`,
		`{ event.exception.type = "E" }`, `{ link.kind = "k" }`, `{ instrumentation.name = "i" }`,
		`{ span.http.user-agent = "curl" }`, `{ span.a/b:c = 1 }`,
		`{ } > { }`, `{ } >> { }`, `{ } < { }`, `{ } << { }`, `{ } ~ { }`,
		`{ } !> { }`, `{ } !>> { }`, `{ } !< { }`, `{ } !<< { }`, `{ } !~ { }`,
		`{ } | count() > 1`, `{ } | count() = 2.5`, `{ } | avg(duration) > 1s`, `{ } | min(duration) < 1s`,
		`{ } | max(duration) >= 1s`, `{ } | sum(duration) <= 1s`, `{ } | avg(span.a) != 3`,
		`{ } | sum(resource.a) = 1`, `{ } | max(.a) > 1.5`, `{ } | { kind = server }`,
		`{ } | count() > 1 | avg(duration) > 1ms | { status = error }`,
		"{\n\tname = \"multi\"\n\t&& kind = server\n}",
	} {
		if _, err := Compile(q); err != nil {
			t.Errorf("Compile(%q): %v", q, err)
		}
	}
}

// TestParseErrors: every error says where (the column, counted in
// characters) and what was expected.
func TestParseErrors(t *testing.T) {
	cases := []struct{ q, want string }{
		{`{ span.http.method = }`, `column 22: expected a value after "=", got "}"`},
		{`{ name = "GET }`, `column 10: the string starting here is not closed`},
		{`{ name = "\q" }`, `column 10: bad escape in the string "\q"`},
		{`{ name = "a" } # b`, `column 16: unexpected '#'`},
		{`{ .a = 1 & .b = 2 }`, `column 10: expected "&&", got "&"`},
		{`{ duration > 5days }`, `column 14: "5days" is not a number or a duration (units: ns, us, ms, s, m, h)`},
		{`{ .a = 1.2.3 }`, `column 8: "1.2.3" is not a number`},
		{`{ foo = 1 }`, `column 3: unknown field "foo": ` + fieldHelp},
		{`{ name "x" }`, `column 8: expected a comparison (= != > >= < <= =~ !~) after "name", got "\"x\""`},
		{`{ name = }`, `column 10: expected a value after "=", got "}"`},
		{`{ name = "x"`, `column 13: expected "}" to close the "{" at column 1, got the end of the query`},
		{`{ name = "x" kind = server }`, `column 14: expected "&&", "||" or "}" after a condition, got "kind"`},
		{`{ } { }`, `column 5: expected ` + setOpsHelp + ` after a spanset, got "{"`},
		{`{ } && name`, `column 8: expected a spanset filter "{ … }", got "name"`},
		{`{ } &&`, `column 7: expected a spanset filter "{ … }", got the end of the query`},
		{`({ } && { }`, `column 12: expected ")" to close the "(" at column 1, got the end of the query`},
		{`{ (name = "a" }`, `column 15: expected ")" to close the "(" at column 3, got "}"`},
		{`{ && }`, `column 3: expected a condition like name = "GET /" or span.http.status_code >= 500, got "&&"`},
		{`{ name =~ 5 }`, `column 11: =~ needs a regular expression in quotes, got "5"`},
		{`{ duration =~ "1s" }`, `column 12: =~ applies to strings; duration is not one`},
		{`{ name =~ "(" }`, "column 11: bad regular expression: missing closing ): `^(?:()$`"},
		{`{ .a > nil }`, `column 6: nil compares only with = or !=`},
		{`{ .a > true }`, `column 6: true compares only with = or !=`},
		{`{ status > ok }`, `column 10: ok compares only with = or !=`},
		{`{ status = 500 }`, `column 12: status is error, ok or unset, got "500"`},
		{`{ kind = "server" }`, `column 10: kind is server, client, producer, consumer, internal or unspecified, got "\"server\""`},
		{`{ duration > 100 }`, `column 14: duration compares with a duration like 50ms or 1.5s, got "100"`},
		{`{ name = 5 }`, `column 10: name compares with a string in quotes, got "5"`},
		{`{ .a = error }`, `column 8: error is a value of status or kind; in quotes it is a string`},
		{`{ .a > 5ms }`, `column 8: an attribute compares with a string, number, true, false or nil; durations are for duration and traceDuration`},
		{`{ name = "é" && foo = 1 }`, `column 17: unknown field "foo": ` + fieldHelp},
		{`{ } | by(resource.service.name)`, `column 7: by() is not supported here; ` + stagesHelp},
		{`{ } | select(span.a)`, `column 7: select() is not supported here; ` + stagesHelp},
		{`{ } | rate()`, `column 7: rate() is not supported here; ` + stagesHelp},
		{`{ } | foo()`, `column 7: unknown pipeline stage "foo"; ` + stagesHelp},
		{`{ } | 5`, `column 7: expected a pipeline stage after "|", got "5"; ` + stagesHelp},
		{`{ } | count > 2`, `column 13: expected "(" after count, got ">"`},
		{`{ } | count() > 1ms`, `column 17: count() compares with a number, got "1ms"`},
		{`{ } | avg(duration) > 2`, `column 23: avg() compares with a duration like 20ms, got "2"`},
		{`{ } | avg(span.a) > 2ms`, `column 21: avg() compares with a number, got "2ms"`},
		{`{ } | avg(name) > 2`, `column 11: avg() takes duration or a numeric span, resource or unscoped attribute, got "name"`},
		{`{ } | avg() > 2`, `column 11: expected a field to aggregate (duration, span.x, resource.x or .x), got ")"`},
		{`{ } | sum(duration > 2`, `column 20: expected ")" after the sum argument, got ">"`},
		{`{ } | count() =~ "x"`, `column 15: expected a comparison (= != > >= < <=) after count(), got "=~"`},
		{`{ } | count() > "x"`, `column 17: count() compares with a number, got "\"x\""`},
		{`{ } | count()`, `column 14: expected a comparison (= != > >= < <=) after count(), got the end of the query`},
		{"  { name = }", `column 12: expected a value after "=", got "}"`}, // columns count what was typed
	}
	for _, c := range cases {
		_, err := Compile(c.q)
		var qe *Error
		if err == nil || !errors.As(err, &qe) || err.Error() != c.want {
			t.Errorf("Compile(%q)\n got  %v\n want %s", c.q, err, c.want)
		}
	}
}

// TestBadQueryMatchesNothing: a query that does not parse keeps its error
// and selects nothing, in TraceQL and in the shorthand, where a bad
// number once matched everything.
func TestBadQueryMatchesNothing(t *testing.T) {
	tr := shop()
	for _, text := range []string{`{ name = }`, `duration>abc`, `{ } | by(name)`} {
		q := Parse(text)
		if q.Err() == nil || q.Empty() || q.MatchesTrace(tr) || !q.Eval(tr).Empty() {
			t.Errorf("Parse(%q): err %v, empty %v, matches trace %v", text, q.Err(), q.Empty(), q.MatchesTrace(tr))
		}
		for i := int32(0); i < int32(tr.Len()); i++ {
			if q.Matches(tr, i) {
				t.Errorf("Parse(%q) matches span %d", text, i)
			}
		}
	}
}
