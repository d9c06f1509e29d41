package render

import (
	"cmp"
	"encoding/xml"
	"slices"
	"strings"

	"github.com/tracetui/tracetui/checks"
	"github.com/tracetui/tracetui/trace"
)

// JUnit XML in the shape GitLab, Jenkins, CircleCI and Buildkite read:
// one testsuite per rule, one testcase per rule and trace.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *struct{}     `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// CheckJUnit is the report as JUnit XML.
func CheckJUnit(rep CheckReport) ([]byte, error) {
	doc := junitSuites{Name: "tracetui checks"}
	for _, res := range rep.Results {
		s := junitSuite{Name: res.Rule.Name}
		byTrace := map[int][]checks.Failure{}
		for _, f := range res.Failures {
			byTrace[f.Trace] = append(byTrace[f.Trace], f)
		}
		for _, ti := range res.Applied {
			tr := rep.Traces[ti].Tree
			svc, name := RootLabel(tr)
			c := junitCase{Classname: res.Rule.Name, Name: tr.Trace.DisplayID() + " " + svc + " " + name}
			if fs := byTrace[ti]; len(fs) > 0 {
				// The message names every assert that broke; the text has
				// each one's spans and values.
				asserts := make([]string, len(fs))
				var lines []string
				for k, f := range fs {
					asserts[k] = f.Assert
					lines = append(lines, FailureLines(rep.Traces[ti], f, Unicode)...)
				}
				c.Failure = &junitFailure{Message: "failed: " + strings.Join(asserts, "; "), Type: "check", Text: strings.Join(lines, "\n")}
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		if res.NoMatch() {
			c := junitCase{Classname: res.Rule.Name, Name: "matched no trace"}
			if res.Rule.Optional {
				c.Skipped = &struct{}{}
				s.Skipped++
			} else {
				c.Failure = &junitFailure{Message: "the check matched no trace", Type: "no-match"}
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Suites = append(doc.Suites, s)
	}
	return doc.marshal()
}

// RunJUnit is `run --junit FILE` without rules: the tests the traces name
// (test.case.name or the attribute testAttr), one testsuite per
// test.suite.name ("tracetui run" for tests without one) and one testcase
// per test, failed when the test failed, the message naming each of its
// traces and where it failed. Traces of no test are not tests: without
// any, the file is an empty testsuite, tests="0", which CI servers read
// as "no tests", not as a missing report.
func RunJUnit(all []trace.Analyzed, testAttr string) ([]byte, error) {
	type entry struct {
		test   checks.Test
		failed bool
		lines  []string
	}
	var order []string
	tests := map[string]*entry{}
	for _, t := range all {
		errs := 0
		if t.Analysis != nil {
			errs = t.Analysis.Errors
		}
		test, ok := checks.TestOf(t.Tree, testAttr, errs)
		if !ok {
			continue
		}
		key := test.Suite + "\x00" + test.Name
		e := tests[key]
		if e == nil {
			e = &entry{test: test}
			tests[key] = e
			order = append(order, key)
		}
		if !test.Failed {
			continue
		}
		e.failed = true
		e.lines = append(e.lines, "trace "+t.Tree.Trace.DisplayID())
		if t.Analysis != nil {
			for _, l := range Unicode.Diagnosis(t.Tree, t.Analysis) {
				e.lines = append(e.lines, "  "+l)
			}
		}
	}
	doc := junitSuites{Name: "tracetui run"}
	suites := map[string]int{}
	for _, key := range order {
		e := tests[key]
		name := cmp.Or(e.test.Suite, "tracetui run")
		k, ok := suites[name]
		if !ok {
			k = len(doc.Suites)
			suites[name] = k
			doc.Suites = append(doc.Suites, junitSuite{Name: name})
		}
		s := &doc.Suites[k]
		c := junitCase{Classname: name, Name: e.test.Name}
		if e.failed {
			c.Failure = &junitFailure{Message: "failed: " + e.lines[0], Type: "test", Text: strings.Join(e.lines, "\n")}
			s.Failures++
			doc.Failures++
		}
		s.Cases = append(s.Cases, c)
		s.Tests++
		doc.Tests++
	}
	if len(doc.Suites) == 0 {
		doc.Suites = []junitSuite{{Name: "tracetui run"}}
	}
	return doc.marshal()
}

// marshal writes the document with every name and text sanitized as the
// terminal report is (Sanitize): XML would keep DEL, C1 controls and bidi
// overrides, and turn an ESC into U+FFFD leaving "[2J" behind, for the CI
// page showing the file to draw.
func (doc junitSuites) marshal() ([]byte, error) {
	doc.Name = Sanitize(doc.Name)
	doc.Suites = slices.Clone(doc.Suites)
	for k := range doc.Suites {
		s := &doc.Suites[k]
		s.Name = Sanitize(s.Name)
		s.Cases = slices.Clone(s.Cases)
		for j := range s.Cases {
			c := &s.Cases[j]
			c.Name, c.Classname = Sanitize(c.Name), Sanitize(c.Classname)
			if c.Failure != nil {
				f := *c.Failure
				f.Message, f.Type, f.Text = Sanitize(f.Message), Sanitize(f.Type), sanitizeLines(f.Text)
				c.Failure = &f
			}
		}
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...), err
}
