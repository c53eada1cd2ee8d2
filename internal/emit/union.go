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
	out := jen.Add(withDoc(docLines(t.Name, t.Description+"\n\nExactly one of the fields is set."), jen.Type().Id(t.Name).Struct(fields...)))
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

func (g *gen) unionMarshal(t *model.Type) jen.Code {
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
	f.Comment("// decodeStrict decodes data into v, rejecting object fields v does not declare.")
	f.Func().Id("decodeStrict").Params(jen.Id("data").Index().Byte(), jen.Id("v").Interface()).Error().Block(
		jen.Id("dec").Op(":=").Qual("encoding/json", "NewDecoder").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("data"))),
		jen.Id("dec").Dot("DisallowUnknownFields").Call(),
		jen.Return(jen.Id("dec").Dot("Decode").Call(jen.Id("v"))),
	)
	return f
}
