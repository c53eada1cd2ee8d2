package model

import "strings"

// The use-site layer: how each place that holds a value (a struct field, a
// parameter, a request body, a response result, a union alternative) holds
// it, and how its Go type is spelled. Presence is decided once, by
// DecidePresence, after every type is complete; the emitters, snippets and
// docs only read Presence and spell types through GoTypeOf.

// Presence is how a use site holds a value of its type.
type Presence int

const (
	// Direct: T itself. Required values, and types that are nil-able already
	// (slices, maps, interface{}, json.RawMessage, []byte).
	Direct Presence = iota
	// Pointer: *T, nil when absent (or null).
	Pointer
	// Nullable: types.Nullable[T], for values that may be absent, null or set.
	Nullable
)

// NilAble reports whether the zero value of t's Go type is nil already.
func (t *Type) NilAble() bool {
	switch t.Kind {
	case KindArray, KindMap, KindAny, KindRaw, KindBytes, KindStream, KindEventStream:
		return true
	}
	return false
}

// decide is the one rule: optional and nullable together keep three states;
// optional or nullable alone is a pointer unless the type is nil-able; a
// required value is held directly (breakValueCycles then makes a pointer of
// a field through which a struct would contain itself).
func decide(t *Type, optional, nullable bool) Presence {
	switch {
	case optional && nullable:
		return Nullable
	case !optional && !nullable, t.NilAble():
		return Direct
	}
	return Pointer
}

// DecidePresence sets the Presence of every use site of api. It runs once,
// at the end of lowering, when every type's kind is known.
func DecidePresence(api *API) {
	for _, t := range api.Types {
		for _, f := range t.Fields {
			f.Presence = decide(f.Type, f.Optional, f.Nullable)
		}
		for _, v := range t.Variants {
			// A union holds its alternatives by pointer: nil means "not this one".
			v.Presence = decide(v.Type, true, false)
		}
	}
	breakValueCycles(api.Types)
	for _, svc := range api.Services {
		for _, op := range svc.Operations {
			for _, p := range op.Params {
				p.Presence = decide(p.Type, !p.Required, false)
			}
			if b := op.Body; b != nil {
				b.Presence = decide(b.Type, !b.Required, false)
				// An unset body sends no body at all: a nil pointer, or a nil
				// optional slice or map (a required one is encoded, as null).
				b.Omittable = b.Presence == Pointer || (b.Type.NilAble() && (!b.Required || b.Type.Kind == KindBytes))
				if len(op.OtherBodies) > 0 {
					// A choice: each body is unset (nil) unless chosen.
					for _, b := range op.Bodies() {
						b.Presence, b.Omittable = decide(b.Type, true, false), true
					}
				}
			}
			for _, c := range op.Results {
				c.Presence = decide(c.Type, true, false)
			}
			for _, r := range op.Responses {
				for _, c := range r.Contents {
					c.Presence = decide(c.Type, true, false)
				}
			}
		}
	}
}

// breakValueCycles makes a pointer of every field held by value (directly
// or in a types.Nullable) through which a struct contains itself.
func breakValueCycles(types []*Type) {
	for _, t := range types {
		if t.Kind != KindStruct {
			continue
		}
		for _, f := range t.Fields {
			if f.Presence != Pointer && f.Type.Kind == KindStruct && reachesByValue(f.Type, t, map[*Type]bool{}) {
				f.Presence = Pointer
			}
		}
	}
}

func reachesByValue(from, target *Type, seen map[*Type]bool) bool {
	if from == target {
		return true
	}
	if seen[from] {
		return false
	}
	seen[from] = true
	for _, f := range from.Fields {
		if f.Presence != Pointer && f.Type.Kind == KindStruct && reachesByValue(f.Type, target, seen) {
			return true
		}
	}
	return false
}

// ElemPresence is how an array or map holds its elements: by pointer when
// they may be null (and are not nil-able already).
func (t *Type) ElemPresence() Presence { return decide(t.Elem, false, t.ElemNullable) }

// GoOp is the form of a Go type expression.
type GoOp int

const (
	GoNamed    GoOp = iota // a declared type: Pkg.Name, or Import.Name
	GoBuiltin              // string, int64, bool, interface{}, ...
	GoSlice                // []Elem
	GoMap                  // map[string]Elem
	GoPointer              // *Elem
	GoNullable             // types.Nullable[Elem]
	GoEvents               // *sse.Stream[Elem]: the SDK's stream of server-sent events
	GoFile                 // types.File: a file of a multipart body
)

// GoType is a Go type expression. It is the one spelling of a type: the Go
// emitter, the snippet printer and the docs each only print it.
type GoType struct {
	Op GoOp
	// Pkg is the SDK package of a declared type (PkgShared, PkgOperations);
	// Import is the standard library import path of others ("time").
	Pkg, Import string
	Name        string // GoNamed, GoBuiltin
	Elem        *GoType
	// Type is the model type a GoNamed expression declares (for doc links).
	Type *Type
}

// GoTypeOf spells t itself.
func GoTypeOf(t *Type) GoType {
	if t.IsNamed() {
		return GoType{Op: GoNamed, Pkg: t.Pkg, Name: t.Name, Type: t}
	}
	switch t.Kind {
	case KindString, KindDate:
		return GoType{Op: GoBuiltin, Name: "string"}
	case KindInt:
		return GoType{Op: GoBuiltin, Name: "int64"}
	case KindFloat:
		return GoType{Op: GoBuiltin, Name: "float64"}
	case KindBool:
		return GoType{Op: GoBuiltin, Name: "bool"}
	case KindTime:
		return GoType{Op: GoNamed, Import: "time", Name: "Time"}
	case KindBytes:
		return GoType{Op: GoSlice, Elem: &GoType{Op: GoBuiltin, Name: "byte"}}
	case KindRaw:
		return GoType{Op: GoNamed, Import: "encoding/json", Name: "RawMessage"}
	case KindStream:
		return GoType{Op: GoNamed, Import: "io", Name: "ReadCloser"}
	case KindEventStream:
		e := GoTypeOf(t.Elem)
		return GoType{Op: GoEvents, Elem: &e}
	case KindFile:
		return GoType{Op: GoFile}
	case KindArray:
		e := GoTypeAt(t.Elem, t.ElemPresence())
		return GoType{Op: GoSlice, Elem: &e}
	case KindMap:
		e := GoTypeAt(t.Elem, t.ElemPresence())
		return GoType{Op: GoMap, Elem: &e}
	}
	return GoType{Op: GoBuiltin, Name: "interface{}"}
}

// GoTypeAt spells t as a use site with presence p holds it.
func GoTypeAt(t *Type, p Presence) GoType {
	e := GoTypeOf(t)
	switch p {
	case Pointer:
		return GoType{Op: GoPointer, Elem: &e}
	case Nullable:
		return GoType{Op: GoNullable, Elem: &e}
	}
	return e
}

// String spells e as Go source writes it: "*shared.Pet",
// "types.Nullable[[]string]", "*sse.Stream[shared.Chunk]", "io.ReadCloser".
// (The Go emitter prints the same tree with jennifer, the docs with links.)
func (e GoType) String() string {
	switch e.Op {
	case GoNamed:
		if e.Import != "" {
			return e.Import[strings.LastIndex(e.Import, "/")+1:] + "." + e.Name
		}
		return e.Pkg + "." + e.Name
	case GoSlice:
		return "[]" + e.Elem.String()
	case GoMap:
		return "map[string]" + e.Elem.String()
	case GoPointer:
		return "*" + e.Elem.String()
	case GoNullable:
		return "types.Nullable[" + e.Elem.String() + "]"
	case GoEvents:
		return "*sse.Stream[" + e.Elem.String() + "]"
	case GoFile:
		return "types.File"
	}
	return e.Name
}

// Each calls f on e and on every type expression inside it, outermost
// first.
func (e GoType) Each(f func(GoType)) {
	f(e)
	if e.Elem != nil {
		e.Elem.Each(f)
	}
}
