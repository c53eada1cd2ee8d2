package parser

import "github.com/oasgo/gen/internal/model"

// Request models never carry readOnly properties: a type that has some
// (itself or anywhere inside) gets an input twin named <Name>Input (as the
// reference SDK's ConsumerInput), declared beside it, without them. Types
// without readOnly properties are used as they are.

// inputOf returns the type to use for t in a request.
func (b *builder) inputOf(t *model.Type) *model.Type {
	if t == nil || !b.hasReadOnly(t) {
		return t
	}
	if in, ok := b.inputs[t]; ok {
		return in
	}
	switch t.Kind {
	case model.KindArray, model.KindMap:
		cp := *t
		b.inputs[t] = &cp
		cp.Elem = b.inputOf(t.Elem)
		if t.IsNamed() {
			cp.Loc = t.Loc + "#input"
			cp.Name = b.namerFor(t.Pkg).Claim(t.Name+"Input", cp.Loc, t.Pos)
			cp.File = t.File
			b.api.Types = append(b.api.Types, &cp)
		}
		return &cp
	case model.KindStruct, model.KindUnion:
		in := *t
		in.Loc = t.Loc + "#input"
		in.Name = b.namerFor(t.Pkg).Claim(t.Name+"Input", in.Loc, t.Pos)
		in.SchemaName = t.SchemaName
		in.Fields, in.Variants = nil, nil
		b.inputs[t] = &in
		for _, f := range t.Fields {
			if f.ReadOnly {
				continue
			}
			cp := *f
			cp.Type = b.inputOf(f.Type)
			in.Fields = append(in.Fields, &cp)
		}
		for _, v := range t.Variants {
			cp := *v
			cp.Type = b.inputOf(v.Type)
			if cp.Type != v.Type && cp.GoName == v.Type.Name {
				cp.GoName = cp.Type.Name
			}
			in.Variants = append(in.Variants, &cp)
		}
		// Alternatives renamed after their twins get their getters anew.
		b.nameVariants(&in)
		b.api.Types = append(b.api.Types, &in)
		return &in
	}
	return t
}

// namerFor is the scope of package pkg.
func (b *builder) namerFor(pkg string) *model.Namer {
	if pkg == model.PkgOperations {
		return b.operations
	}
	return b.shared
}

// hasReadOnly reports whether a readOnly property is reachable from t.
func (b *builder) hasReadOnly(t *model.Type) bool {
	if v, ok := b.readOnly[t]; ok {
		return v
	}
	seen := map[*model.Type]bool{}
	var walk func(*model.Type) bool
	walk = func(t *model.Type) bool {
		if t == nil || seen[t] {
			return false
		}
		seen[t] = true
		if v, ok := b.readOnly[t]; ok {
			return v
		}
		for _, f := range t.Fields {
			if f.ReadOnly || walk(f.Type) {
				return true
			}
		}
		for _, v := range t.Variants {
			if walk(v.Type) {
				return true
			}
		}
		return walk(t.Elem)
	}
	v := walk(t)
	b.readOnly[t] = v
	return v
}
