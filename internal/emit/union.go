package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/model"
)

// variantType is how a union holds one alternative.
func (g *gen) variantType(v *model.Variant) *jen.Statement { return g.typeAt(v.Type, v.Presence) }

// emitUnion:
//
//	// Name - description
//	type Name struct {
//		String *string
//		Other  *Other
//	}
//
//	func (u Name) MarshalJSON() ([]byte, error)     // the alternative that is set
//	func (u *Name) UnmarshalJSON(data []byte) error // by discriminator, else the first that decodes strictly
func (g *gen) emitUnion(t *model.Type) jen.Code {
	fields := make([]jen.Code, 0, len(t.Variants))
	for _, v := range t.Variants {
		fields = append(fields, jen.Id(v.GoName).Add(g.variantType(v)))
	}
	set := "Exactly one of the fields is set."
	if mergesObjects(t) {
		set = "One of the fields is set, or several object alternatives at once (anyOf): their properties are merged."
	}
	out := jen.Add(withDoc(docLines(t.Name, t.Description+"\n\n"+set), jen.Type().Id(t.Name).Struct(fields...)))
	for _, v := range t.Variants {
		// GetX returns the X alternative, or nil when another one is set.
		out.Line().Line().Comment("// "+v.Getter+" returns the "+v.GoName+" alternative, or nil when another one is set.").Line().
			Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id(v.Getter).Params().Add(g.variantType(v)).Block(
			jen.If(jen.Id("u").Op("==").Nil()).Block(jen.Return(jen.Nil())),
			jen.Return(jen.Id("u").Dot(v.GoName)),
		)
	}
	out.Line().Line().Add(g.unionMarshal(t))
	out.Line().Line().Add(g.unionUnmarshal(t))
	return out
}

// mergesObjects reports whether a union may hold several alternatives: an
// anyOf with two or more object alternatives that declare properties.
func mergesObjects(t *model.Type) bool {
	n := 0
	for _, v := range t.Variants {
		if v.Type.Kind == model.KindStruct && len(declaredCase(v.Type)) > 0 {
			n++
		}
	}
	return t.AnyOf && n > 1
}

func (g *gen) unionMarshal(t *model.Type) jen.Code {
	if mergesObjects(t) {
		return g.anyOfMarshal(t)
	}
	var body []jen.Code
	for _, v := range t.Variants {
		body = append(body, jen.If(jen.Id("u").Dot(v.GoName).Op("!=").Nil()).Block(
			jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("u").Dot(v.GoName))),
		))
	}
	body = append(body, jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil()))
	return jen.Comment("// MarshalJSON encodes the alternative that is set (null when none is).").Line().
		Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(body...)
}

func (g *gen) unionUnmarshal(t *model.Type) jen.Code {
	var body []jen.Code
	body = append(body, jen.Op("*").Id("u").Op("=").Id(t.Name).Values())
	// null is no alternative (and marshals back to null): it must not
	// decode into the first scalar alternative as its zero value.
	body = append(body, jen.If(jen.String().Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("data"))).Op("==").Lit("null")).Block(jen.Return(jen.Nil())))
	if t.Discriminator != "" {
		body = append(body,
			jen.Var().Id("probe").Map(jen.String()).Qual("encoding/json", "RawMessage"),
			jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("probe")).Op("==").Nil()).Block(
				jen.Var().Id("tag").String(),
				jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("probe").Index(jen.Lit(t.Discriminator)), jen.Op("&").Id("tag")),
				jen.Switch(jen.Id("tag")).BlockFunc(func(s *jen.Group) {
					for _, v := range t.Variants {
						if len(v.Tags) == 0 {
							continue
						}
						tags := make([]jen.Code, len(v.Tags))
						for i, tag := range v.Tags {
							tags[i] = jen.Lit(tag)
						}
						s.Case(tags...).Block(
							jen.Return(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("u").Dot(v.GoName))),
						)
					}
				}),
			),
		)
	}
	if mergesObjects(t) {
		body = append(body, g.anyOfObjects(t))
	}
	// Strict pass: the first alternative that decodes without unknown fields.
	for _, v := range t.Variants {
		body = append(body, g.tryVariant(t, v, true))
	}
	// Lenient pass, for servers that add fields.
	for _, v := range t.Variants {
		if v.Type.Kind == model.KindStruct {
			body = append(body, g.tryVariant(t, v, false))
		}
	}
	body = append(body, jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("decoding "+t.Name+": the value matches none of its alternatives"))))
	return jen.Comment("// UnmarshalJSON sets the alternative that data decodes into.").Line().
		Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
}

// anyOfMarshal:
//
//	func (u Name) MarshalJSON() ([]byte, error) {
//		var parts [][]byte
//		if u.A != nil { encode u.A into parts }
//		...
//		return mergeJSON(parts)
//	}
func (g *gen) anyOfMarshal(t *model.Type) jen.Code {
	body := []jen.Code{jen.Var().Id("parts").Index().Index().Byte()}
	for _, v := range t.Variants {
		body = append(body, jen.If(jen.Id("u").Dot(v.GoName).Op("!=").Nil()).Block(
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("u").Dot(v.GoName)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Id("parts").Op("=").Append(jen.Id("parts"), jen.Id("data")),
		))
	}
	body = append(body, jen.Return(jen.Id("mergeJSON").Call(jen.Id("parts"))))
	return jen.Comment("// MarshalJSON encodes the alternatives that are set, objects merged (null when none is).").Line().
		Func().Params(jen.Id("u").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(body...)
}

// anyOfObjects sets every object alternative whose declared properties
// the value has; when more than one is, that is the answer.
//
//	{
//		n := 0
//		if hasAnyKey(data, "email") {
//			var v ByEmail
//			if json.Unmarshal(data, &v) == nil {
//				u.ByEmail = &v
//				n++
//			}
//		}
//		if n > 1 {
//			return nil
//		}
//		*u = Name{}
//	}
func (g *gen) anyOfObjects(t *model.Type) jen.Code {
	stmts := []jen.Code{jen.Id("n").Op(":=").Lit(0)}
	for _, v := range t.Variants {
		keys := declaredCase(v.Type)
		if v.Type.Kind != model.KindStruct || len(keys) == 0 {
			continue
		}
		assign := jen.Op("&").Id("v")
		if v.Presence != model.Pointer {
			assign = jen.Id("v")
		}
		stmts = append(stmts, jen.If(jen.Id("hasAnyKey").Call(append([]jen.Code{jen.Id("data")}, keys...)...)).Block(
			jen.Var().Id("v").Add(g.goType(v.Type)),
			jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("v")).Op("==").Nil()).Block(
				jen.Id("u").Dot(v.GoName).Op("=").Add(assign),
				jen.Id("n").Op("++"),
			),
		))
	}
	stmts = append(stmts,
		jen.If(jen.Id("n").Op(">").Lit(1)).Block(jen.Return(jen.Nil())),
		jen.Op("*").Id("u").Op("=").Id(t.Name).Values(),
	)
	return jen.Block(stmts...)
}

// tryVariant:
//
//	{
//		var v T
//		if decodeStrict(data, &v) == nil {
//			u.Field = &v
//			return nil
//		}
//	}
func (g *gen) tryVariant(t *model.Type, v *model.Variant, strict bool) jen.Code {
	decode := jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("v"))
	if strict {
		decode = jen.Id("decodeStrict").Call(jen.Id("data"), jen.Op("&").Id("v"))
	}
	assign := jen.Op("&").Id("v")
	if v.Presence != model.Pointer {
		assign = jen.Id("v")
	}
	return jen.Block(
		jen.Var().Id("v").Add(g.goType(v.Type)),
		jen.If(decode.Op("==").Nil()).Block(
			jen.Id("u").Dot(v.GoName).Op("=").Add(assign),
			jen.Return(jen.Nil()),
		),
	)
}

// decodeHelpers is the file a package with unions gets:
//
//	func decodeStrict(data []byte, v interface{}) error
func (g *gen) decodeHelpers(pkg string) *jen.File {
	f := g.newFile(g.pkgPath(pkg), pkg)
	if g.pkgMergesObjects(pkg) {
		f.Comment("// mergeJSON encodes the alternatives of an anyOf that are set: null for none,")
		f.Comment("// the one for one, the union of their properties for several objects (the")
		f.Comment("// first alternative's value of a property wins; keys in order).")
		f.Func().Id("mergeJSON").Params(jen.Id("parts").Index().Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Switch(jen.Len(jen.Id("parts"))).Block(
				jen.Case(jen.Lit(0)).Block(jen.Return(jen.Index().Byte().Call(jen.Lit("null")), jen.Nil())),
				jen.Case(jen.Lit(1)).Block(jen.Return(jen.Id("parts").Index(jen.Lit(0)), jen.Nil())),
			),
			jen.Id("merged").Op(":=").Map(jen.String()).Qual("encoding/json", "RawMessage").Values(),
			jen.For(jen.List(jen.Id("_"), jen.Id("p")).Op(":=").Range().Id("parts")).Block(
				jen.Var().Id("obj").Map(jen.String()).Qual("encoding/json", "RawMessage"),
				jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("p"), jen.Op("&").Id("obj")).Op("!=").Nil()).Block(
					jen.Return(jen.Id("parts").Index(jen.Lit(0)), jen.Nil()),
				),
				jen.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Id("obj")).Block(
					jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("merged").Index(jen.Id("k")), jen.Op("!").Id("ok")).Block(
						jen.Id("merged").Index(jen.Id("k")).Op("=").Id("v"),
					),
				),
			),
			jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("merged"))),
		)
		f.Comment("// hasAnyKey reports whether data is an object with one of keys.")
		f.Func().Id("hasAnyKey").Params(jen.Id("data").Index().Byte(), jen.Id("keys").Op("...").String()).Bool().Block(
			jen.Var().Id("obj").Map(jen.String()).Qual("encoding/json", "RawMessage"),
			jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("obj")).Op("!=").Nil()).Block(jen.Return(jen.False())),
			jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("keys")).Block(
				jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("obj").Index(jen.Id("k")), jen.Id("ok")).Block(jen.Return(jen.True())),
			),
			jen.Return(jen.False()),
		)
	}
	f.Comment("// decodeStrict decodes data into v, rejecting object fields v does not declare.")
	f.Func().Id("decodeStrict").Params(jen.Id("data").Index().Byte(), jen.Id("v").Interface()).Error().Block(
		jen.Id("dec").Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("data"))),
		jen.Id("dec").Dot("DisallowUnknownFields").Call(),
		jen.Return(jen.Id("dec").Dot("Decode").Call(jen.Id("v"))),
	)
	return f
}

// pkgMergesObjects reports whether a union of package pkg merges anyOf objects.
func (g *gen) pkgMergesObjects(pkg string) bool {
	for _, t := range g.api.Types {
		if t.Pkg == pkg && t.Kind == model.KindUnion && mergesObjects(t) {
			return true
		}
	}
	return false
}
