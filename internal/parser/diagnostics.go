package parser

import (
	"errors"
	"sort"

	"github.com/oasgo/gen/internal/model"
)

// A diagnostic is about a place in the spec, not about the way it was
// reached: a problem in a component, a shared parameter or a shared request
// body is met once per operation that uses it, and is printed once.
//
// Most messages say only what is wrong at the place, so equal text is the
// same problem. Some name the Go type of the site that reached the place
// first (an inline schema is lowered, and named, at each use): for those the
// place and the kind of complaint are the problem.

// placeKinds are the warning kinds of which one place has one at most, and
// whose message may name the site that reached it (untyped: the inline
// type's name).
var placeKinds = map[string]bool{"untyped": true}

// warningKey is what makes two warnings the same problem.
func warningKey(d model.Diagnostic) string {
	if placeKinds[d.Kind] && d.Pos.Line > 0 {
		return d.Pos.String() + "\x00" + d.Kind
	}
	return d.String()
}

// errorKey is what makes two lowering errors the same problem: the place and
// the complaint (the format), not its arguments, which may name the inline
// type of the site that reached the place first ("Get0Mixed: allOf of
// incompatible types", met again as Get1Mixed from the next operation).
// Every error gen raises is about one element, at that element's place; an
// error without a place is keyed by its text.
func errorKey(pos model.Pos, format, text string) string {
	if pos.Line == 0 {
		return pos.String() + "\x00" + text
	}
	return pos.String() + "\x00" + format
}

// sortDiags orders diagnostics by place: file, line, column; equal places
// keep the order they were found in.
func sortDiags(ds []model.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, c := ds[i].Pos, ds[j].Pos
		if a.File != c.File {
			return a.File < c.File
		}
		if a.Line != c.Line {
			return a.Line < c.Line
		}
		return a.Col < c.Col
	})
}

// dedupeValidation keeps one of the validation errors that are one problem:
// kin-openapi reports a fault in a component once for the component and
// again for every operation that reaches it ("invalid paths: invalid path
// /r0: invalid operation GET: ..."), at the same place with the same cause.
// The first, the component's, is kept.
func dedupeValidation(ds []model.Diagnostic, causes []error) []model.Diagnostic {
	seen := map[string]bool{}
	out := ds[:0]
	for i, d := range ds {
		key := d.Pos.String() + "\x00" + cleanMessage(rootCause(causes[i]).Error())
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, d)
	}
	return out
}

// rootCause is the innermost error of a chain: the complaint without the
// context (component, path, operation) wrapped around it.
func rootCause(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}
