package emit

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/oasgo/gen/internal/model"
)

// spell prints a Go type expression of the model with jennifer.
func (g *gen) spell(e model.GoType) *jen.Statement {
	switch e.Op {
	case model.GoNamed:
		if e.Import != "" {
			return jen.Qual(e.Import, e.Name)
		}
		return jen.Qual(g.pkgPath(e.Pkg), e.Name)
	case model.GoSlice:
		return jen.Index().Add(g.spell(*e.Elem))
	case model.GoMap:
		return jen.Map(jen.String()).Add(g.spell(*e.Elem))
	case model.GoPointer:
		return jen.Op("*").Add(g.spell(*e.Elem))
	case model.GoNullable:
		return jen.Qual(g.typesPath(), "Nullable").Types(g.spell(*e.Elem))
	case model.GoEvents:
		return jen.Op("*").Qual(g.ssePath(), "Stream").Types(g.spell(*e.Elem))
	case model.GoFile:
		return jen.Qual(g.typesPath(), "File")
	}
	if e.Name == "interface{}" {
		return jen.Interface()
	}
	return jen.Id(e.Name)
}

// goType spells a type itself.
func (g *gen) goType(t *model.Type) *jen.Statement { return g.spell(model.GoTypeOf(t)) }

// typeAt spells a type as a use site with presence p holds it.
func (g *gen) typeAt(t *model.Type, p model.Presence) *jen.Statement {
	return g.spell(model.GoTypeAt(t, p))
}

// fieldType is the declared type of a struct field.
func (g *gen) fieldType(f *model.Field) *jen.Statement { return g.typeAt(f.Type, f.Presence) }

// emitStruct:
//
//	// Name - description
//	type Name struct {
//		// field description
//		Field *string `json:"field,omitempty"`
//	}
//
// followed by one nil-safe getter per field.
func (g *gen) emitStruct(t *model.Type) jen.Code {
	fields := make([]jen.Code, 0, len(t.Fields))
	for _, f := range t.Fields {
		fields = append(fields, withDoc(docLines("", f.Description), jen.Id(f.GoName).Add(g.fieldType(f)).Tag(jsonTag(f))))
	}
	decl := withDoc(docLines(t.Name, t.Description), jen.Type().Id(t.Name).Struct(fields...))
	out := jen.Add(decl)
	for _, f := range t.Fields {
		out.Line().Line().Add(g.emitGetter(t, f))
	}
	if x := t.ExtraField(); x != nil {
		out.Line().Line().Add(g.emitExtraMarshal(t, x))
		out.Line().Line().Add(g.emitExtraUnmarshal(t, x))
	}
	return out
}

// declaredCase is "case "a", "b":" over the declared JSON names of t.
func declaredCase(t *model.Type) []jen.Code {
	var names []jen.Code
	for _, f := range t.Fields {
		if f.Kind == model.FieldProperty {
			names = append(names, jen.Lit(f.Name))
		}
	}
	return names
}

// emitExtraMarshal:
//
//	func (o Name) MarshalJSON() ([]byte, error) {
//		type plain Name
//		data, err := json.Marshal(plain(o))
//		... then the additional properties that are not declared ones, merged in
//	}
func (g *gen) emitExtraMarshal(t *model.Type, x *model.Field) jen.Code {
	return jen.Comment("// MarshalJSON encodes the declared fields, then the additional properties").Line().
		Comment("// (a key that names a declared property is left out).").Line().
		Func().Params(jen.Id("o").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Type().Id("plain").Id(t.Name),
		jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("plain").Call(jen.Id("o"))),
		jen.If(jen.Err().Op("!=").Nil().Op("||").Len(jen.Id("o").Dot(x.GoName)).Op("==").Lit(0)).Block(jen.Return(jen.Id("data"), jen.Err())),
		jen.Id("extra").Op(":=").Make(g.goType(x.Type), jen.Len(jen.Id("o").Dot(x.GoName))),
		jen.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Id("o").Dot(x.GoName)).BlockFunc(func(b *jen.Group) {
			if names := declaredCase(t); len(names) > 0 {
				b.Switch(jen.Id("k")).Block(jen.Case(names...).Block(jen.Continue()))
			}
			b.Id("extra").Index(jen.Id("k")).Op("=").Id("v")
		}),
		jen.If(jen.Len(jen.Id("extra")).Op("==").Lit(0)).Block(jen.Return(jen.Id("data"), jen.Nil())),
		jen.List(jen.Id("more"), jen.Err()).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Id("extra")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.If(jen.Len(jen.Id("data")).Op("==").Lit(2)).Block(jen.Return(jen.Id("more"), jen.Nil())),
		jen.Return(jen.Append(jen.Append(jen.Id("data").Index(jen.Empty(), jen.Len(jen.Id("data")).Op("-").Lit(1)), jen.LitRune(',')), jen.Id("more").Index(jen.Lit(1), jen.Empty()).Op("...")), jen.Nil()),
	)
}

// emitExtraUnmarshal:
//
//	func (o *Name) UnmarshalJSON(data []byte) error {
//		decode the declared fields, then every other key into o.AdditionalProperties
//	}
func (g *gen) emitExtraUnmarshal(t *model.Type, x *model.Field) jen.Code {
	return jen.Comment("// UnmarshalJSON decodes the declared fields, and the other properties into "+x.GoName+".").Line().
		Func().Params(jen.Id("o").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Type().Id("plain").Id(t.Name),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Parens(jen.Op("*").Id("plain")).Call(jen.Id("o"))), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Var().Id("all").Map(jen.String()).Qual("encoding/json", "RawMessage"),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("all")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Id("o").Dot(x.GoName).Op("=").Nil(),
		jen.For(jen.List(jen.Id("k"), jen.Id("raw")).Op(":=").Range().Id("all")).BlockFunc(func(b *jen.Group) {
			if names := declaredCase(t); len(names) > 0 {
				b.Switch(jen.Id("k")).Block(jen.Case(names...).Block(jen.Continue()))
			}
			b.Var().Id("v").Add(g.typeAt(x.Type.Elem, x.Type.ElemPresence()))
			b.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("raw"), jen.Op("&").Id("v")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err()))
			b.If(jen.Id("o").Dot(x.GoName).Op("==").Nil()).Block(jen.Id("o").Dot(x.GoName).Op("=").Make(g.goType(x.Type)))
			b.Id("o").Dot(x.GoName).Index(jen.Id("k")).Op("=").Id("v")
		}),
		jen.Return(jen.Nil()),
	)
}

func jsonTag(f *model.Field) map[string]string {
	if f.Kind == model.FieldExtra {
		return map[string]string{"json": "-"}
	}
	if f.Presence == model.Nullable {
		// omitzero (Go 1.24) leaves the field out when it is absent; null and
		// values go through Nullable's MarshalJSON.
		return map[string]string{"json": f.Name + ",omitzero"}
	}
	if f.Optional {
		return map[string]string{"json": f.Name + ",omitempty"}
	}
	return map[string]string{"json": f.Name}
}

// emitGetter:
//
//	func (o *Name) GetField() T {
//		if o == nil || o.Field == nil {
//			return <default>
//		}
//		return *o.Field
//	}
//
// An optional scalar with a default returns the default when unset; any
// other field returns itself (nil or zero on a nil receiver).
func (g *gen) emitGetter(t *model.Type, f *model.Field) jen.Code {
	recv := jen.Id("o").Op("*").Id(t.Name)
	name := f.Getter
	if def := g.literal(f.Type, f.Default); def != nil && f.Presence == model.Pointer && f.Type.IsScalar() {
		return jen.Func().Params(recv).Id(name).Params().Add(g.goType(f.Type)).Block(
			jen.If(jen.Id("o").Op("==").Nil().Op("||").Id("o").Dot(f.GoName).Op("==").Nil()).Block(jen.Return(def)),
			jen.Return(jen.Op("*").Id("o").Dot(f.GoName)),
		)
	}
	return jen.Func().Params(recv).Id(name).Params().Add(g.fieldType(f)).Block(
		jen.If(jen.Id("o").Op("==").Nil()).Block(jen.Return(g.zero(f))),
		jen.Return(jen.Id("o").Dot(f.GoName)),
	)
}

// zero is the zero value of a field's declared type.
func (g *gen) zero(f *model.Field) jen.Code {
	switch f.Presence {
	case model.Nullable:
		return g.fieldType(f).Values()
	case model.Pointer:
		return jen.Nil()
	}
	return g.zeroOf(f.Type)
}

func (g *gen) zeroOf(t *model.Type) jen.Code {
	switch t.Kind {
	case model.KindString, model.KindDate:
		return jen.Lit("")
	case model.KindInt, model.KindFloat:
		return jen.Lit(0)
	case model.KindBool:
		return jen.False()
	case model.KindEnum:
		switch t.EnumBase {
		case model.KindInt, model.KindFloat:
			return g.goType(t).Call(jen.Lit(0))
		case model.KindBool:
			return g.goType(t).Call(jen.False())
		}
		return g.goType(t).Call(jen.Lit(""))
	case model.KindTime, model.KindStruct, model.KindUnion, model.KindFile:
		return g.goType(t).Values()
	}
	return jen.Nil()
}

// literal spells a spec value (a default) as a Go constant of type t, or
// returns nil when it cannot be spelled (then no default is applied).
func (g *gen) literal(t *model.Type, v *model.Value) jen.Code {
	if v == nil {
		return nil
	}
	switch t.Kind {
	case model.KindString, model.KindDate:
		if v.Kind == model.ValString {
			return jen.Lit(v.String)
		}
	case model.KindBool:
		if v.Kind == model.ValBool {
			return jen.Lit(v.Bool)
		}
	case model.KindInt:
		if v.Kind == model.ValNumber {
			if n, err := strconv.ParseInt(v.Number, 10, 64); err == nil {
				return jen.Lit(n)
			}
		}
	case model.KindFloat:
		if v.Kind == model.ValNumber {
			if n, err := strconv.ParseFloat(v.Number, 64); err == nil {
				return jen.Lit(n)
			}
		}
	case model.KindEnum:
		text := model.ScalarText(v)
		for _, ev := range t.Values {
			if ev.Value == text {
				return jen.Qual(g.pkgPath(t.Pkg), ev.GoName)
			}
		}
	}
	return nil
}

// emitEnum:
//
//	type NameEnum string
//
//	const (
//		NameEnumA NameEnum = "a"
//	)
//
//	func (e NameEnum) ToPointer() *NameEnum
//	func (e NameEnum) IsKnown() bool
//	func (e *NameEnum) UnmarshalJSON(data []byte) error
func (g *gen) emitEnum(t *model.Type) jen.Code {
	base := g.goType(&model.Type{Kind: t.EnumBase})
	consts := make([]jen.Code, 0, len(t.Values))
	names := make([]jen.Code, 0, len(t.Values))
	for _, v := range t.Values {
		consts = append(consts, jen.Id(v.GoName).Id(t.Name).Op("=").Add(enumLit(t, v)))
		names = append(names, jen.Id(v.GoName))
	}
	out := jen.Add(withDoc(docLines(t.Name, t.Description), jen.Type().Id(t.Name).Add(base)))
	if len(consts) > 0 {
		out.Line().Line().Const().Defs(consts...)
	}
	out.Line().Line().Comment("// ToPointer returns a pointer to a copy of e.").Line().
		Func().Params(jen.Id("e").Id(t.Name)).Id("ToPointer").Params().Op("*").Id(t.Name).Block(jen.Return(jen.Op("&").Id("e")))
	known := jen.Return(jen.False())
	if len(names) > 0 {
		known = jen.Switch(jen.Id("e")).Block(jen.Case(names...).Block(jen.Return(jen.True()))).Line().Return(jen.False())
	}
	out.Line().Line().Comment("// IsKnown reports whether e is one of the values the API documented when this SDK was generated.").Line().
		Func().Params(jen.Id("e").Id(t.Name)).Id("IsKnown").Params().Bool().Block(known)
	out.Line().Line().
		Comment("// UnmarshalJSON keeps values the API added after this SDK was generated; IsKnown reports them.").Line().
		Func().Params(jen.Id("e").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Var().Id("v").Add(base.Clone()),
		jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("v")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("decoding "+t.Name+": %w"), jen.Err())),
		),
		jen.Op("*").Id("e").Op("=").Id(t.Name).Call(jen.Id("v")),
		jen.Return(jen.Nil()),
	)
	return out
}

// enumLit is an enum value as an untyped Go constant.
func enumLit(t *model.Type, v *model.EnumValue) jen.Code {
	switch t.EnumBase {
	case model.KindInt, model.KindFloat:
		// The JSON text of a number is a Go constant as it is.
		return jen.Op(v.Value)
	case model.KindBool:
		return jen.Lit(v.Value == "true")
	}
	return jen.Lit(v.Value)
}
